import path from 'node:path'
import { drawMultiplicities, weightedAucSorted, weightedAucGathered } from '../src/gate/stats/resample-kernels.js'
import { argsortAscending, tieGroupEnds } from '../src/gate/stats/ranks.js'
import { readF64, readU8 } from './bench-data.js'
const dir='/tmp/mgb'
const y = readU8(path.join(dir, 'pred-y.u8')); const a = readF64(path.join(dir, 'pred-a.f64')); const b = readF64(path.join(dir, 'pred-b.f64'))
const n=y.length
let t=performance.now()
const oa=argsortAscending(a), ob=argsortAscending(b)
console.log('argsort x2', performance.now()-t)
const cellOfRow=new Int32Array(n); for(let k=0;k<n;k++) cellOfRow[oa[k]]=k
const ya=new Uint8Array(n), yb=new Uint8Array(n), cob=new Int32Array(n)
for(let k=0;k<n;k++){ya[k]=y[oa[k]];yb[k]=y[ob[k]];cob[k]=cellOfRow[ob[k]]}
const ga=tieGroupEnds(a,oa), gb=tieGroupEnds(b,ob)
const counts=new Uint8Array(n)
const offs=Int32Array.from([0,n])
for (let rep=0;rep<3;rep++){
t=performance.now(); for(let r=0;r<20;r++) drawMultiplicities(counts,offs,null,1,2,r); const d=(performance.now()-t)/20
t=performance.now(); let s=0; for(let r=0;r<20;r++) s+=weightedAucSorted(counts,ya,ga); const sa=(performance.now()-t)/20
t=performance.now(); for(let r=0;r<20;r++) s+=weightedAucGathered(counts,cob,yb,gb); const sb=(performance.now()-t)/20
console.log({draw:d, aucA:sa, aucB:sb, s})
}
