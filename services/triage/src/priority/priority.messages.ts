import { timestampFromDate, type frmV1 } from '@frm/contracts';
import type { RankingRow } from '../read-model/priority.queries';
import type { PriorityScore } from './priority-score';

export function priorityMessage(row: RankingRow, priority: PriorityScore, asOf: Date): frmV1.Priority {
  return {
    featureRequestId: row.id,
    score: priority.score,
    components: priority.components.map((component) => ({
      name: component.name,
      rawValue: component.rawValue,
      weight: component.weight,
      contribution: component.points,
      explanation: component.explanation,
    })),
    asOf: timestampFromDate(asOf),
    possibleDuplicateOf: row.duplicate_of ?? '',
    duplicateScore: row.duplicate_of ? (row.duplicate_score ?? 0) : 0,
  };
}
