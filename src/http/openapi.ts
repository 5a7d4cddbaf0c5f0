/**
 * GET /openapi.json: the public API described in OpenAPI 3.1, generated from the zod schemas in schemas.ts
 * (the same ones that validate requests), never written by hand a second time.
 */
import { z } from 'zod';
import {
  ChatRequest, ChatResponse, ErrorResponse, FeedbackRequest, FeedbackResponse, HealthResponse, LiveEventsResponse, LiveMessage, NotReadyResponse, ReadyResponse,
  TypingRequest,
} from './schemas.ts';

const COMPONENTS = {
  ChatRequest: [ChatRequest, 'input'],
  ChatResponse: [ChatResponse, 'output'],
  FeedbackRequest: [FeedbackRequest, 'input'],
  FeedbackResponse: [FeedbackResponse, 'output'],
  LiveEvents: [LiveEventsResponse, 'output'],
  LiveMessage: [LiveMessage, 'output'],
  TypingRequest: [TypingRequest, 'input'],
  Error: [ErrorResponse, 'output'],
  Health: [HealthResponse, 'output'],
  Ready: [ReadyResponse, 'output'],
  NotReady: [NotReadyResponse, 'output'],
} as const;

type Name = keyof typeof COMPONENTS;
const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: Name, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } } };
const error = (description: string, headers?: object) => ({ ...json('Error', description), ...(headers ? { headers } : {}) });

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // Refinements (either text or payload) cannot be expressed in JSON Schema; the descriptions say them in words.
  const s = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

/** The live-chat endpoints' query: the conversation and the cursor (what LiveQuery in schemas.ts validates). */
const liveParams = [
  { name: 'sessionId', in: 'query', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' } },
  { name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
];

let cached: object | undefined;

export function openApiDocument(): object {
  if (cached) return cached;
  const schemas = Object.fromEntries(Object.entries(COMPONENTS).map(([name, [schema, io]]) => [name, schemaOf(schema, io)]));
  // The one refinement JSON Schema can say: text or payload.
  schemas.ChatRequest!.anyOf = [{ required: ['text'] }, { required: ['payload'] }];
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Jessi chat API',
      version: '1.0.0',
      description: 'The chat API of Jessi, the BPJS Ketenagakerjaan assistant (docs/api.md). Generated from the zod schemas that validate requests.',
    },
    paths: {
      '/api/chat': {
        post: {
          operationId: 'chat',
          summary: 'One user turn: text or a button payload; the reply messages.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChatRequest') } } },
          responses: {
            200: json('ChatResponse', 'The reply. Without (or with an unknown) sessionId a new conversation starts and its id is returned.'),
            400: error('Invalid input.'),
            403: error('A browser on an origin outside WIDGET_ORIGINS.'),
            413: error('Body over 16 KiB.'),
            415: error('Not JSON.'),
            429: error('Rate limited.', retryAfter),
            503: error('Starting up or the store is unavailable.', retryAfter),
          },
        },
      },
      '/api/feedback': {
        post: {
          operationId: 'feedback',
          summary: 'A 👍/👎 on an answer; stored without personal data and counted per intent.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('FeedbackRequest') } } },
          responses: {
            200: json('FeedbackResponse', 'Recorded.'),
            400: error('Invalid input, an unknown intent, or a conversation the server did not issue.'),
            413: error('Body over 16 KiB.'),
            415: error('Not JSON.'),
            429: error('Rate limited.', retryAfter),
          },
        },
      },
      '/api/chat/events': {
        get: {
          operationId: 'liveEvents',
          summary: "Live chat: the agents' messages after a cursor, and who answers now (one poll).",
          parameters: liveParams,
          responses: { 200: json('LiveEvents', 'Messages after the cursor.'), 400: error('Invalid input.'), 404: error('Not a current conversation.'), 429: error('Rate limited.', retryAfter) },
        },
      },
      '/api/chat/stream': {
        get: {
          operationId: 'liveStream',
          summary: "Live chat as server-sent events: `message` (data: LiveMessage, id: its seq), `typing`, `owner`, `end`. Resumes after `after` or Last-Event-ID.",
          parameters: liveParams,
          responses: { 200: { description: 'An event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 400: error('Invalid input.'), 404: error('Not a current conversation.'), 429: error('Rate limited.', retryAfter) },
        },
      },
      '/api/chat/typing': {
        post: {
          operationId: 'typing',
          summary: 'The user is typing (shown to the agent).',
          requestBody: { required: true, content: { 'application/json': { schema: ref('TypingRequest') } } },
          responses: { 204: { description: 'Noted.' }, 400: error('Invalid input.'), 404: error('Not a current conversation.'), 429: error('Rate limited.', retryAfter) },
        },
      },
      '/healthz': { get: { operationId: 'health', summary: 'Liveness.', responses: { 200: json('Health', 'The process is alive.') } } },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: 'Readiness: knowledge loaded, models trained, store reachable.',
          responses: { 200: json('Ready', 'Chat can be served.'), 503: json('NotReady', 'Not (yet) ready.') },
        },
      },
      '/widget.js': {
        get: {
          operationId: 'widget',
          summary: 'The web chat widget, embedded with one script tag.',
          responses: { 200: { description: 'The bundled widget.', content: { 'text/javascript': { schema: { type: 'string' } } } }, 304: { description: 'Not modified (ETag).' } },
        },
      },
      '/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document.', responses: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
    },
    components: { schemas },
  };
  return cached;
}
