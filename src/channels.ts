/**
 * The channels of the service, in the order their routes are mounted. A channel is a module of adapters/
 * (the contract is adapters/channel.ts) and is on when its configuration says so. Adding a channel: write its
 * module and list it here.
 */
import { agentChannel } from '../adapters/agent/index.ts';
import type { ChannelModule } from '../adapters/channel.ts';
import { botFrameworkChannel } from '../adapters/botframework/channel.ts';
import { chatwootChannel } from '../adapters/chatwoot/channel.ts';
import { webChannel } from '../adapters/web/index.ts';
import { whatsappCloudChannel } from '../adapters/whatsapp/cloud/channel.ts';

export const CHANNELS: readonly ChannelModule[] = [webChannel, agentChannel, botFrameworkChannel, whatsappCloudChannel, chatwootChannel];
