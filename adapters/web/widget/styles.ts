/** The widget's stylesheet. It lives in the shadow root, so the host page's CSS neither reaches in nor leaks out. */
export const CSS = `
:host{all:initial;--accent:#00793f;--accent-ink:#fff}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0}
[hidden]{display:none!important}
button{font:inherit;cursor:pointer}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:10px;max-width:calc(100vw - 24px);padding:6px 18px 6px 6px;border:0;border-radius:32px;background:var(--accent);color:var(--accent-ink);font-size:15px;font-weight:600;box-shadow:0 6px 20px rgba(0,0,0,.25)}
.launcher.compact{padding:6px}
.launcher.compact .teaser{display:none}
.avatar{flex:none;display:grid;place-items:center;width:44px;height:44px;border-radius:50%;background:#fff;color:var(--accent);font-weight:800;font-size:20px}
.panel{position:fixed;right:20px;bottom:90px;z-index:2147483001;display:flex;flex-direction:column;width:380px;max-width:calc(100vw - 24px);height:min(620px,calc(100vh - 110px));background:#fff;color:#1e293b;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden;font-size:15px;line-height:1.45}
.head{display:flex;flex:none;align-items:center;gap:6px;padding:10px 12px;background:var(--accent);color:var(--accent-ink)}
.head .avatar{width:36px;height:36px;font-size:16px}
.who{flex:1;min-width:0}
.who b{display:block;font-size:16px}
.who small{display:block;font-size:12px;opacity:.9}
.icon{flex:none;width:34px;height:38px;border:0;border-radius:8px;background:transparent;color:inherit;font-size:20px;line-height:1}
.logout{flex:none;height:32px;padding:0 8px;border:1px solid rgba(255,255,255,.7);border-radius:8px;background:transparent;color:inherit;font-size:13px;font-weight:600}
.lang{flex:none;height:32px;min-width:34px;padding:0 6px;border:1px solid rgba(255,255,255,.7);border-radius:8px;background:transparent;color:inherit;font-size:13px;font-weight:700}
.logout:hover,.icon:hover,.lang:hover{background:rgba(255,255,255,.18)}
.links{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.links a{display:inline-block;padding:6px 12px;border:1px solid #0b5394;border-radius:16px;background:#fff;color:#0b5394;font-size:14px;text-decoration:none}
.links a:hover{background:#0b5394;color:#fff}
.links a::after{content:" ↗";font-size:12px}
.links a[href^="tel:"]::after{content:""}
.feedback{display:flex;align-items:center;gap:4px;margin-top:4px;font-size:12px;color:#475569}
.feedback button{display:grid;place-items:center;width:34px;height:28px;border:1px solid #94a3b8;border-radius:14px;background:#fff;color:#334155}
.feedback button:hover{background:#e2e8f0}
.log{flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:10px;padding:14px;background:#f1f5f9}
.msg{display:flex;flex-direction:column;max-width:85%}
.bot{align-self:flex-start;align-items:flex-start}
.user{align-self:flex-end;align-items:flex-end}
.bubble{padding:9px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.bot .bubble{background:#fff;border:1px solid #e2e8f0;border-bottom-left-radius:4px}
.agent .bubble{background:#eff6ff;border-color:#93c5fd}
.agent-name{font-size:11px;font-weight:600;color:#1e3a8a;margin:0 0 2px 4px}
.user .bubble{background:var(--accent);color:var(--accent-ink);border-bottom-right-radius:4px}
.notice .bubble{background:#fff7ed;border-color:#fdba74}
.bubble a{color:inherit;text-decoration:underline}
.bot .bubble a{color:#0b5394}
time{margin-top:3px;font-size:11px;color:#64748b}
.quick{display:flex;flex-wrap:wrap;gap:6px}
.quick button{padding:7px 12px;border:1px solid var(--accent);border-radius:16px;background:#fff;color:var(--accent);font-size:14px}
.quick button:hover{background:var(--accent);color:var(--accent-ink)}
.typing .bubble{display:flex;gap:4px;padding:13px 12px}
.dot{width:7px;height:7px;border-radius:50%;background:#94a3b8;animation:j 1.2s infinite ease-in-out}
.dot:nth-child(3){animation-delay:.15s}.dot:nth-child(4){animation-delay:.3s}
@keyframes j{0%,80%,100%{opacity:.3;transform:none}40%{opacity:1;transform:translateY(-3px)}}
.error{align-self:center;display:flex;align-items:center;gap:8px;padding:7px 10px;border:1px solid #fecaca;border-radius:10px;background:#fef2f2;color:#991b1b;font-size:14px}
.error button{padding:4px 10px;border:1px solid #991b1b;border-radius:8px;background:#fff;color:#991b1b}
.compose{display:flex;gap:8px;padding:10px;border-top:1px solid #e2e8f0;background:#fff}
.compose input{flex:1;min-width:0;padding:10px 14px;border:1px solid #94a3b8;border-radius:20px;background:#fff;color:#0f172a;font-size:16px}
.send{flex:none;width:42px;height:42px;border:0;border-radius:50%;background:var(--accent);color:var(--accent-ink);font-size:18px}
.privacy{padding:0 10px 8px;background:#fff;color:#64748b;font-size:11px;text-align:center}
@media (max-width:480px){
.panel{inset:0;width:auto;max-width:none;height:auto;border-radius:0}
.launcher{right:12px;bottom:12px}
.open .launcher{display:none}
}
@media (prefers-reduced-motion:reduce){.dot{animation:none}}
`;
