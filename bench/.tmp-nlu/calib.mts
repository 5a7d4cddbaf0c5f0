import { readFileSync } from 'node:fs';
process.env.DOTENV_CONFIG_QUIET='true';
let t=performance.now();
const { createRouter } = await import('/work/main/src/nlu/router.ts');
console.log('import', (performance.now()-t).toFixed(0)); t=performance.now();
const r = await createRouter();
console.log('train', (performance.now()-t).toFixed(0));
const rows = readFileSync('/work/shared/eval/dev.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
const bins: Record<string, [number, number]> = {};
for (const row of rows) {
  const res = r.classify(row.text);
  const b = (Math.floor(res.confidence*10)/10).toFixed(1);
  bins[b] ??= [0,0]; bins[b][res.intent===row.intent?0:1]++;
}
console.log('conf bin: [correct, wrong]', Object.entries(bins).sort());
for (const s of ['asdkjh qwpoeiru zxcmnb','saya','ok','5 juta','apa','bagaimana ya','😀😀','12345678901','ＪＨＴ　ＣＡＩＲ','jht','klaim','hmm','bisa','kenapa ya kok gitu','siapa pemenang piala dunia 2022','mau beli motor bekas','cek status','saldo']) {
  const x = r.classify(s); console.log(JSON.stringify(s), x.intent, x.outcome, x.confidence, x.candidates.slice(0,3).map(c=>c.intent+':'+c.score).join(' '));
}
const long = rows.map(r=>r.text).join(' ').slice(0,2000);
const times=[]; for (let i=0;i<200;i++){const t0=performance.now(); r.classify(i%2?long:rows[i].text); times.push(performance.now()-t0);} times.sort((a,b)=>a-b);
console.log('p50', times[100].toFixed(3), 'p99', times[198].toFixed(3), 'max', times[199].toFixed(3));
const rnd = Array.from({length:2000},()=>String.fromCharCode(97+Math.floor(Math.random()*27))).join('').replace(/\{/g,' ');
let t1=performance.now(); r.classify(rnd); console.log('random 2000', (performance.now()-t1).toFixed(3));
t1=performance.now(); r.classify(long+' x'); console.log('long', (performance.now()-t1).toFixed(3));
