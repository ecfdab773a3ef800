import { writeFileSync } from 'node:fs';
import { reportAppError } from './app-error.js';
import { writeTemplate } from '../import/template.js';
import { zh } from '../messages/zh.js';
import { loadDatasetFile } from '../report/dataset.js';

/** npm run template -- --out <文件.xlsx> [--from <数据文件.yaml|json>] */
export async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const at = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? (args[i + 1] ?? '') : undefined;
  };
  const out = at('--out');
  const from = at('--from');
  if (!out || from === '' || args.some((a, i) => a.startsWith('--') && a !== '--out' && a !== '--from' && args[i - 1] !== '--out' && args[i - 1] !== '--from')) {
    console.error(zh.import.cli.usage);
    return 2;
  }
  try {
    const model = from ? loadDatasetFile(from).model : undefined;
    writeFileSync(out, await writeTemplate(model));
    console.log(zh.import.cli.written(out));
    return 0;
  } catch (e) {
    return reportAppError(e);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''))) process.exitCode = await main(process.argv.slice(2));
