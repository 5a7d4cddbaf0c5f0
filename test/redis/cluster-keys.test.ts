import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseClusterNodes } from '../../src/config.ts';
import { sessionKey, sessionLockKey } from '../../src/core/state.ts';
import { clusterKey, hasHashTag } from '../../src/store/keys.ts';

// No Redis needed: how keys are named on a cluster, and how REDIS_CLUSTER_NODES is read.
describe('Redis Cluster key names', () => {
  it('tags every per-conversation key family with the conversation id, and nothing else', () => {
    const id = 'AbC-_12345678901234567890abcdefghijklmnopqrs';
    expect(clusterKey(sessionKey(id))).toBe(`session:{${id}}`);
    expect(clusterKey(sessionLockKey(id))).toBe(`lock:session:{${id}}`);
    for (const limiter of ['session', 'ticket-session', 'verify-session', 'complaint-session', 'wa-sender'])
      expect(clusterKey(`rl:${limiter}:${id}:29481234`)).toBe(`rl:${limiter}:{${id}}:29481234`);
    expect(clusterKey(`wa:choices:${id}`)).toBe(`wa:choices:{${id}}`);
    expect(clusterKey(`wa:limited:${id}`)).toBe(`wa:limited:{${id}}`);
    // WhatsApp conversation ids contain a colon: the whole id is the tag.
    expect(clusterKey('rl:session:wa:0123abcd:77')).toBe('rl:session:{wa:0123abcd}:77');
    expect(clusterKey('session:wa:0123abcd')).toBe('session:{wa:0123abcd}');
    // Not a conversation's: unchanged.
    for (const k of ['rl:ip:10.0.0.1:5', 'rl:ticket-ip:::1:5', 'rl:complaint-contact:ab12:1', 'session-id-key', 'sandbox:token:ab', 'unanswered:index', 'wa:baileys:lease', 'wa:seen:XYZ', 'lock:report'])
      expect(clusterKey(k)).toBe(k);
    // A key that already has a tag keeps it.
    expect(clusterKey('session:{x}')).toBe('session:{x}');
    expect(hasHashTag('a{}b')).toBe(false);
    expect(hasHashTag('a{b}')).toBe(true);
  });
});

describe('REDIS_CLUSTER_NODES', () => {
  it('accepts a comma-separated host:port list', () => {
    expect(parseClusterNodes('10.0.0.1:6379, redis-2.internal:7000,[::1]:7001')).toEqual(['10.0.0.1:6379', 'redis-2.internal:7000', '[::1]:7001']);
    expect(loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' }).REDIS_CLUSTER_NODES).toBe('127.0.0.1:7000,127.0.0.1:7001');
    expect(loadConfig({ REDIS_CLUSTER_NODES: '' }).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it('stops start-up on a bad value, naming the variable', () => {
    for (const bad of ['127.0.0.1', 'redis://127.0.0.1:7000', '127.0.0.1:0', 'a:70000', 'host:7000;rm', ',', 'a b:1']) {
      expect(parseClusterNodes(bad)).toBeUndefined();
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: bad })).toThrow(/REDIS_CLUSTER_NODES: must be a comma-separated list of host:port/);
    }
  });

  it('refuses REDIS_URL together with REDIS_CLUSTER_NODES, and counts a cluster as Redis for production', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://x:6379', REDIS_CLUSTER_NODES: 'x:7000' })).toThrow(/REDIS_URL and REDIS_CLUSTER_NODES are both set/);
    expect(() => loadConfig({ NODE_ENV: 'production', REDIS_CLUSTER_NODES: 'x:7000', CONVERSATION_KEY_SALT: 'a-real-secret-salt' })).not.toThrow();
  });
});
