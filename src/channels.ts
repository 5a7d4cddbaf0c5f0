/**
 * The channels of the service, in the order their routes are mounted. A channel is a module of adapters/
 * (the contract is adapters/channel.ts) and is on when its configuration says so. Adding a channel: write its
 * module and list it here.
 *
 * Only the modules of the channels that are on are loaded (a disabled channel's code costs neither start-up time
 * nor memory): each entry says, from the configuration alone, whether its channel can be on (`when`, the same
 * settings its module's `enabled` reads), and the module is imported only then; its own `enabled` still decides.
 */
import type { ChannelModule } from '../adapters/channel.ts';
import { chatwootEnabled, type Config } from './config.ts';

interface ChannelEntry {
  name: string;
  when(config: Config): boolean;
  load(): Promise<ChannelModule>;
}

export const CHANNELS: readonly ChannelEntry[] = [
  { name: 'web', when: () => true, load: async () => (await import('../adapters/web/index.ts')).webChannel },
  { name: 'agent', when: (c) => c.HANDOFF_ENABLED, load: async () => (await import('../adapters/agent/index.ts')).agentChannel },
  { name: 'botframework', when: (c) => Boolean(c.MICROSOFT_APP_ID) || c.BOTFRAMEWORK_EMULATOR, load: async () => (await import('../adapters/botframework/channel.ts')).botFrameworkChannel },
  {
    name: 'whatsapp-cloud',
    when: (c) => Boolean(c.WHATSAPP_CLOUD_APP_SECRET && c.WHATSAPP_CLOUD_ACCESS_TOKEN && c.WHATSAPP_CLOUD_PHONE_NUMBER_ID && c.WHATSAPP_CLOUD_VERIFY_TOKEN),
    load: async () => (await import('../adapters/whatsapp/cloud/channel.ts')).whatsappCloudChannel,
  },
  { name: 'chatwoot', when: (c) => chatwootEnabled(c), load: async () => (await import('../adapters/chatwoot/channel.ts')).chatwootChannel },
];

/** The modules of the channels that are on under `config`, in mounting order. */
export async function enabledChannels(config: Config): Promise<ChannelModule[]> {
  const modules = await Promise.all(CHANNELS.filter((c) => c.when(config)).map((c) => c.load()));
  return modules.filter((m) => m.enabled(config));
}
