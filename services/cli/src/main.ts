import 'reflect-metadata';
import { runCli } from './run-cli';

runCli(process.argv).then((exitCode) => {
  process.exitCode = exitCode;
});
