import { metricNamesIn } from './promql-metric-names';

describe('metricNamesIn', () => {
  it('finds the metrics, not the functions, keywords, labels or durations', () => {
    const expr = `sum by (job, code) (rate(frm_rpc_calls_total{job=~"$job", code!="OK"}[$__rate_interval]))
      / on (job) group_left sum by (job) (rate(frm_rpc_calls_total[5m] offset 1h)) > bool 1e-3`;
    expect(metricNamesIn(expr)).toEqual(['frm_rpc_calls_total']);
  });

  it('finds recorded series and every operand of a binary expression', () => {
    expect(metricNamesIn('frm_gateway:availability_errors:ratio_rate1h > (14.4 * 0.001) and up == 0 unless absent(frm_x)')).toEqual([
      'frm_gateway:availability_errors:ratio_rate1h',
      'up',
      'frm_x',
    ]);
  });

  it('reads a histogram bucket inside histogram_quantile and a subquery', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le) (rate(frm_gateway_rpc_duration_seconds_bucket{le!="x"}[5m])))')).toEqual([
      'frm_gateway_rpc_duration_seconds_bucket',
    ]);
    expect(metricNamesIn('deriv(max by (group, topic) (frm_kafka_consumer_lag_messages)[15m:1m]) > 0')).toEqual(['frm_kafka_consumer_lag_messages']);
  });
});
