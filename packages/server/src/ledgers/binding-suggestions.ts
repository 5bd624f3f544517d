import { LEDGER_METRIC_SYNONYMS, type LedgerMetric } from "@luoshi/contract";

/**
 * Which ledger metric a plan indicator is about, by the words of its subject (or its text): the
 * metric with the longest synonym found, so 隐患整改率 wins over 整改率 and 重大隐患整改率 is a rate.
 * Pure; a person confirms the binding.
 */
export function suggestMetric(indicator: {
  subject: string;
  text: string;
}): { metric: LedgerMetric; matched: string } | null {
  let best: { metric: LedgerMetric; matched: string } | null = null;
  for (const [metric, words] of Object.entries(LEDGER_METRIC_SYNONYMS) as [LedgerMetric, readonly string[]][]) {
    for (const word of words) {
      const found = indicator.subject.includes(word) || indicator.text.includes(word);
      if (found && (!best || word.length > best.matched.length)) best = { metric, matched: word };
    }
  }
  return best;
}
