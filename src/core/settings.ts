import type { Category, Perspective } from './model.js';

/** Settings with every default applied. Sessions are written with all of them spelled out. */
export interface Settings {
  version: number;
  name: string;
  council: string;
  /** The session's date (YYYY-MM-DD). Reports print this, never the wall clock. */
  date: string;
  ingest: {
    maxTextLength: number;
    topTwo: number;
    /** Input files larger than this many megabytes are refused before they are read. */
    maxFileMb: number;
    /** An ingest reading more rows than this stops and says so. */
    maxRows: number;
    /** What the session's own category and perspective labels mean: "Could be better": not_working. */
    values: Record<string, string>;
  };
  pii: {
    /** What a finding of the anonymisation screen does to outputs. */
    policy: PiiPolicy;
    /** Names to flag wherever they appear, whatever the context. */
    names: string[];
  };
  theme: {
    themes: 'auto' | number;
    minSize: number;
    seed: number;
  };
  prioritise: {
    category: Category;
    top: number;
    /** Dots each voter may place. */
    dots: number;
    /** Relative total weight of each perspective group for the weighted method; a group left out weighs 1. */
    weights: Partial<Record<Perspective, number>>;
  };
  /** A local model server (see docs/local-model.md). With no endpoint, none is used. */
  model: ModelSettings;
}

export interface ModelSettings {
  /** The server's OpenAI-compatible base URL, such as http://127.0.0.1:11434/v1; '' for none. */
  endpoint: string;
  /** Model for /embeddings; '' to keep the engine's own meaning. */
  embeddings: string;
  /** Model for /chat/completions; '' to keep the engine's own names. */
  chat: string;
  /** Whether an endpoint that is not this machine may be used. */
  allowRemote: boolean;
  /** How long one request may take before the server is given up on for the run. */
  timeoutSeconds: number;
  /** How long one run may spend on the server in all, before the offline engine does the rest. */
  totalSeconds: number;
  /** How many of a theme's statements are sent to name it, most typical first. */
  nameStatements: number;
}

export const piiPolicies = ['block', 'mask', 'warn'] as const;
export type PiiPolicy = (typeof piiPolicies)[number];
