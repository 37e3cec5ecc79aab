export { percentile } from './latency';
export { runConcurrently, type ConcurrentRun } from './run-concurrently';
export { startProgress, type Progress } from './progress';
export { reportResult, type BenchmarkResult } from './report';
