import { readFileSync, readdirSync } from 'node:fs';
const { parse } = await import('yaml');
const files = readdirSync('intents').filter(f=>f.endsWith('.yaml'));
const raws = files.map(f=>readFileSync('intents/'+f,'utf8'));
for (const [name, opt] of [['failsafe',{schema:'failsafe'}],['default',{}],['failsafe2',{schema:'failsafe', uniqueKeys:false, prettyErrors:false}],['core', {schema:'core'}],['failsafe3',{schema:'failsafe'}]] as const) {
  const t=performance.now(); raws.map(r=>parse(r, opt as any)); console.log(name, (performance.now()-t).toFixed(1));
}
