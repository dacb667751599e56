import { Option } from 'commander';
import { encodings } from '../core/decode.js';
import { categories } from '../core/model.js';
import { methodNames } from '../core/prioritise.js';
import { piiPolicies } from '../core/settings.js';
import { delimiterNames, orList } from '../commands/flags.js';
import { renderFormats, renderTargets } from '../commands/render-targets.js';

/**
 * The options several commands share, each built once from the table that defines its values, so
 * that the help lists exactly what the command accepts (`commands/flags.ts` reads them).
 */

export const encodingOption = () => new Option('--encoding <encoding>', `read the files in this encoding instead of detecting it: ${orList(encodings)}`);

export const delimiterOption = () => new Option('--delimiter <delimiter>', `${orList(Object.keys(delimiterNames))}, instead of detecting it`);

/** `--category`; `what` says what it is for, before the values. */
export const categoryOption = (what = '') => new Option('--category <category>', `${what}${orList(categories)}`);

/** `--pii`; `scope` says what the policy applies to in place of pii.policy. */
export const piiOption = (scope: string) => new Option('--pii <policy>', `personal details in the statements: ${orList(piiPolicies)}, ${scope}`);

export const methodOption = () =>
  new Option('--method <method>', `${orList(methodNames)} (default: dots when there are dot votes, else borda with ballots, else count)`);

export const renderTargetHelp = orList([...renderTargets, 'all']);

export const formatOption = () => new Option('--format <format>', 'markdown, printable HTML, or both').choices(renderFormats).default('both');
