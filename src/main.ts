import { readConfig } from './config.js';
import { AppError } from './errors.js';
import { createApp } from './server.js';

try {
  const config = readConfig();
  const server = createApp(config).listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    console.log(`绩效自评助手已启动：http://localhost:${port}/healthz`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (e) {
  console.error(e instanceof AppError ? `[${e.code}] ${e.message}` : (e as Error).message);
  process.exit(1);
}
