/**
 * Routing step `logout`: "keluar" / "logout" ends the conversation's verification (the participant token is
 * deleted from the store) and any dialog in progress. The web widget sends it from its Logout button.
 */
import type { Middleware } from '../core/compose.ts';
import { say, setIntent } from '../dialogs/context.ts';
import { forgetVerification } from '../dialogs/status/verified.ts';
import type { RouteContext } from './deps.ts';

const LOGOUT = /^(keluar|logout|log out|sign out|signout|keluar akun|hapus sesi)[.!]*$/;

export function logout(): Middleware<RouteContext> {
  return async (ctx, next) => {
    if (ctx.payload || !LOGOUT.test(ctx.normalized)) return next();
    await forgetVerification(ctx);
    ctx.state.dialog = undefined;
    ctx.state.lastResult = undefined;
    say(ctx, ctx.deps.kb.message('routing.logged_out', ctx.lang));
    setIntent(ctx, 'goodbye', 1, 'answer');
  };
}
