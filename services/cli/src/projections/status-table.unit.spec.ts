import { statusTable } from './status-table';

describe('statusTable', () => {
  it('aligns the columns and shows a missing position as -', () => {
    const table = statusTable([
      { projection: 'feature_requests', version: 1, schema: 'projection_feature_requests', checkpoint: '10/10', head: '12/12', lag: 2, lagSeconds: 1.25, state: 'behind' },
      { projection: 'votes', version: 3, schema: 'projection_votes', checkpoint: null, head: '12/12', lag: 12, lagSeconds: 0, state: 'not-built' },
    ]);
    expect(table.split('\n')).toEqual([
      'PROJECTION        VERSION  SCHEMA                       CHECKPOINT  HEAD   LAG  WAITING  STATE',
      'feature_requests  1        projection_feature_requests  10/10       12/12  2    1.3 s    behind',
      'votes             3        projection_votes             -           12/12  12   -        not-built',
    ]);
  });
});
