/** A session's action plan: what `plan.yaml` holds, as every layer sees it. */

export const actionStatuses = ['not-started', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** A root cause: the answer to one "why?". `because` names the cause it explains, making a chain. */
export interface Cause {
  id: string;
  text: string;
  because?: string;
}

/** What good would look like, as an "I" statement. */
export interface Success {
  id: string;
  text: string;
}

export interface Action {
  id: string;
  what: string;
  who: string;
  /** YYYY-MM-DD. */
  by: string;
  /** How we'll know. */
  measure: string;
  status: ActionStatus;
}

export interface ThemePlan {
  theme: string;
  /** The theme's name when it was last planned: if the theme changes under it, outputs say so. */
  name: string;
  causes: Cause[];
  success: Success[];
  actions: Action[];
}

export interface Plan {
  themes: ThemePlan[];
}

/**
 * A theme's causes as chains of "why?", in reading order: each cause, then (one deeper) the causes
 * that explain it. A cause whose `because` names no cause of the theme is not shown.
 */
export function whyChains(causes: readonly Cause[]): { cause: Cause; depth: number }[] {
  const out: { cause: Cause; depth: number }[] = [];
  const under = (parent: string | undefined, depth: number): void => {
    for (const cause of causes.filter((c) => c.because === parent)) {
      out.push({ cause, depth });
      under(cause.id, depth + 1);
    }
  };
  under(undefined, 0);
  return out;
}
