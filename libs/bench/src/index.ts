export { percentile } from './latency';
export { runConcurrently, type ConcurrentRun } from './run-concurrently';
export { startProgress, type Progress } from './progress';
export { reportResult, type BenchmarkResult } from './report';
export { runAtRate, type PacedRun } from './open-loop';
export { ServiceProcess } from './service-process';
export { createBenchDatabase, type BenchDatabase } from './bench-database';
export { latencySummary, measureAtRate, measureConcurrently } from './measured-runs';
export { LeanGrpcWebClient } from './lean-grpc-web-client';
