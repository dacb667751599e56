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
