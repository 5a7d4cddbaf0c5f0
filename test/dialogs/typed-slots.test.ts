/**
 * Typed dialog slots (issue #9): a dialog declares its slots (`DialogDef<S>`), so a wrong slot name or a value
 * of the wrong type no longer compiles. Most of this file is checked by `tsc` (`npm run typecheck` covers test/):
 * every `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused. The few runtime
 * checks show that typed dialogs are still plain dialogs for the registry.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DialogContext } from '../../src/dialogs/context.ts';
import { createDialogRegistry, createRegistry } from '../../src/dialogs/registry.ts';
import type { DialogCompletion, DialogDef, Extraction } from '../../src/dialogs/types.ts';
import { jkpAmount, type JkpSlots } from '../../src/dialogs/benefits/jkp.ts';
import type { jpSimulation, JpSlots } from '../../src/dialogs/simulation/jp.ts';
import { jhtBalance } from '../../src/dialogs/status/participant.ts';
import type { VerifiedSlots } from '../../src/dialogs/status/verified.ts';

type WageSlots = { wage: number; reusedWage?: boolean };

/** A minimal typed dialog: one required slot, one kept on the side. */
const wageDialog: DialogDef<WageSlots> = {
  id: 'typed_wage',
  intent: 'typed_wage',
  title: 'dialogs.typed_wage',
  slots: [{ name: 'wage' }],
  transient: ['reusedWage'],
  startWhen: (first) => first.values.wage !== undefined,
  extract(text) {
    const values: Partial<WageSlots> = {};
    const n = Number(text);
    if (Number.isFinite(n) && n > 0) values.wage = n;
    return { values };
  },
  prompt: () => [{ text: 'wage?' }],
  async complete(_ctx, slots) {
    return { done: true, messages: [{ text: String(slots.wage * 2) }] };
  },
};

describe('typed dialog slots', () => {
  it('a dialog sees its own slots: required ones known in complete, all of them optional while extracting', () => {
    expectTypeOf<Parameters<typeof jkpAmount.complete>[1]>().toEqualTypeOf<JkpSlots>();
    expectTypeOf<Parameters<typeof jkpAmount.extract>[3]>().toEqualTypeOf<Partial<JkpSlots>>();
    expectTypeOf<ReturnType<typeof jkpAmount.extract>>().toEqualTypeOf<Extraction<JkpSlots>>();
    expectTypeOf<JkpSlots['wage']>().toEqualTypeOf<number>();
    expectTypeOf<JpSlots['birthDate']>().toEqualTypeOf<string>();
    expectTypeOf<JpSlots['raise']>().toEqualTypeOf<number | undefined>();
    // The slot names a dialog may ask for, prompt for, clear or keep transient are its own.
    expectTypeOf<Parameters<typeof jpSimulation.prompt>[0]>().toEqualTypeOf<keyof JpSlots & string>();
    expectTypeOf(jhtBalance).toEqualTypeOf<DialogDef<VerifiedSlots>>();
    expectTypeOf<VerifiedSlots['challenge']>().toEqualTypeOf<{ id: string; maskedPhone: string; sentAt: number; for: string } | undefined>();
  });

  it('a wrong slot name or a value of the wrong type does not compile', () => {
    const broken: DialogDef<WageSlots> = {
      ...wageDialog,
      // @ts-expect-error: 'wag' is not a slot of this dialog
      slots: [{ name: 'wag' }],
      // @ts-expect-error: nor is 'reused'
      transient: ['reused'],
      extract(_text, awaiting) {
        const values: Partial<WageSlots> = {};
        // @ts-expect-error: a wage is a number, not the text typed
        values.wage = '5 juta';
        // @ts-expect-error: there is no slot 'wag' to fill
        values.wag = 5_000_000;
        // @ts-expect-error: the slot asked for is one of the dialog's own
        if (awaiting === 'months') values.wage = 0;
        return { values };
      },
      async complete(_ctx, slots): Promise<DialogCompletion<WageSlots>> {
        // @ts-expect-error: a wage is known (a number) when complete runs, never a string
        const text: string = slots.wage;
        // @ts-expect-error: reading a slot the dialog does not have
        if (slots.income) return { done: true, messages: [{ text }] };
        // @ts-expect-error: only the dialog's own slots can be asked again
        return { done: false, clear: ['wag'], messages: [{ text }] };
      },
    };
    expect(broken.id).toBe('typed_wage');

    // @ts-expect-error: a startWhen that reads another dialog's slot
    const startsWrong: DialogDef<WageSlots>['startWhen'] = (first: Extraction<WageSlots>) => first.values.months !== undefined;
    expect(startsWrong).toBeTypeOf('function');
    // @ts-expect-error: an extraction's invalid slot is one of the dialog's own
    const invalid: Extraction<WageSlots> = { values: {}, invalid: { slot: 'months', reason: { id: 'x', en: 'x' } } };
    expect(invalid.values).toEqual({});
  });

  it('typed dialogs are plain dialogs for the registry and the engine', async () => {
    const registry = createRegistry([wageDialog, jkpAmount]);
    const def = registry.get('typed_wage')!;
    expectTypeOf(def).toEqualTypeOf<DialogDef>();
    const first = def.extract('6000000', undefined, {} as DialogContext, {});
    expect(first.values).toEqual({ wage: 6_000_000 });
    expect(def.startWhen?.(first)).toBe(true);
    await expect(def.complete({} as DialogContext, { wage: 3 })).resolves.toEqual({ done: true, messages: [{ text: '6' }] });
    expect(createDialogRegistry().all().map((d) => d.id)).toContain('jkp_amount');
  });
});
