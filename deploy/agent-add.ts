/**
 * `npm run agent:add -- --id sari --name "Sari" [--supervisor] [--store]`: adds an agent of the console.
 * The password is read from AGENT_PASSWORD or, when unset, from the first line of stdin (never from argv, which
 * other users of the machine can see). Prints the AGENT_ACCOUNTS entry (JSON with an argon2id hash); with
 * --store it is also written to the Redis of REDIS_URL / REDIS_CLUSTER_NODES, where every instance finds it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { hashPassword, storeAccount } from '../adapters/agent/accounts.ts';
import { AgentAccount, loadConfig, parseClusterNodes } from '../src/config.ts';

const { values } = parseArgs({ options: { id: { type: 'string' }, name: { type: 'string' }, supervisor: { type: 'boolean' }, store: { type: 'boolean' } } });

async function readPassword(): Promise<string> {
  if (process.env.AGENT_PASSWORD) return process.env.AGENT_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

const password = await readPassword();
if (password.length < 10) {
  console.error('the password must have at least 10 characters');
  process.exit(2);
}
const parsed = AgentAccount.safeParse({ id: values.id, name: values.name, role: values.supervisor ? 'supervisor' : 'agent', hash: await hashPassword(password) });
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
if (values.store) {
  const config = loadConfig();
  const redis = await import('../src/store/redis.ts');
  const nodes = config.REDIS_CLUSTER_NODES ? parseClusterNodes(config.REDIS_CLUSTER_NODES) : undefined;
  if (!nodes && !config.REDIS_URL) {
    console.error('--store needs REDIS_URL or REDIS_CLUSTER_NODES');
    process.exit(2);
  }
  const store = nodes ? await redis.createRedisClusterStore(nodes) : await redis.createRedisStore(config.REDIS_URL!);
  await storeAccount(store, parsed.data);
  await store.close();
  console.error(`agent ${parsed.data.id} stored in Redis`);
}
console.log(JSON.stringify(parsed.data));
