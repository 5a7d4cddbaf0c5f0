/**
 * Middleware composition in the style of Koa/grammY: each step gets the turn context and `next`.
 * A step may act before and after the rest of the chain, or stop it by not calling `next`.
 */
export type Next = () => Promise<void>;
export type Middleware<C> = (ctx: C, next: Next) => Promise<void>;

export function compose<C>(steps: Middleware<C>[]): (ctx: C) => Promise<void> {
  return (ctx: C) => {
    let last = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= last) throw new Error('next() called twice in one step');
      last = i;
      const step = steps[i];
      if (step) await step(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}
