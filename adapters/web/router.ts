export function createWebRouter(){ return (_q:any,_s:any,n:any)=>n(); }
