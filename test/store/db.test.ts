import { describe, expect, it } from 'vitest';
import { openDatabase, redactUrl } from '../../src/store/db.js';

describe('a DATABASE_URL is never printed with its password', () => {
  it('an unknown scheme stops start-up naming the URL without the password', async () => {
    let message = '';
    await openDatabase('mysql://root:hunter2@db.example:3306/jixiao').catch((e: Error) => (message = e.message));
    expect(message).toMatch(/^DATABASE_URL「mysql:\/\/root:\*\*\*@db\.example:3306\/jixiao」无法识别/);
    expect(message).not.toContain('hunter2');
  });

  it.each([
    ['mysql://root:hunter2@h/db', 'mysql://root:***@h/db'],
    ['mysql://root@h/db', 'mysql://root@h/db'],
    ['redis://:hunter2@h:6379', 'redis://:***@h:6379'],
    ['mysql://u:hun@ter2@h/db', 'mysql://u:***@h/db'], // an unescaped @ in the password
    ['mysql:u:hunter2@h', 'mysql:u:***@h'],
    ['sqlserver://h;user=sa;password=hunter2;db=x', 'sqlserver://h;user=sa;password=***;db=x'],
    ['mongodb://h/db?authSource=x&password=hunter2', 'mongodb://h/db?authSource=x&password=***'],
    ['file:./data/jixiao.db', 'file:./data/jixiao.db'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
