import type { ImportError, ImportProposal } from '../import/types.js';
import type { EngineDeps } from './engine.js';
import { resume } from './engine.js';
import type { Decision, DialogState, Snapshot } from './types.js';

/**
 * A file's proposal in the conversation. STUB: replaced by the confirm flow; until then the
 * reader's refusal (or a plain "not yet") is said and the current question asked again.
 */
export function handleImport(snap: Snapshot, state: DialogState, proposal: ImportProposal | ImportError, deps: EngineDeps): Decision {
  const lead = 'message' in proposal && !('values' in proposal) ? proposal.message : '暂时还不能导入文件。';
  return resume(snap, state, deps, lead);
}
