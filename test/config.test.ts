import { describe, expect, it } from 'vitest';
import { isLoopback, listenUrl, readConfig, startupWarnings } from '../src/config.js';

const BOT = { WECOM_BOT_ID: 'bot-id', WECOM_BOT_SECRET: 'bot-secret-value' };
const APP = {
  WECOM_CORP_ID: 'ww-corp',
  WECOM_AGENT_ID: '1000002',
  WECOM_AGENT_SECRET: 'agent-secret-value',
  WECOM_TOKEN: 'token-value',
  WECOM_ENCODING_AES_KEY: 'k'.repeat(43),
};

describe('readConfig: who can reach the web chat', () => {
  it('without a WeCom channel the web chat is on and the server listens on 127.0.0.1 only', () => {
    expect(readConfig({})).toMatchObject({ WEB_CHAT: 'on', HOST: '127.0.0.1' });
  });

  it.each([
    ['the 智能机器人', BOT],
    ['the 自建应用', APP],
    ['both channels', { ...BOT, ...APP }],
  ])('with %s configured the web chat is off, and the server listens on all addresses (the callback must be reachable)', (_n, env) => {
    expect(readConfig(env)).toMatchObject({ WEB_CHAT: 'off', HOST: '0.0.0.0' });
  });

  it('WEB_CHAT=on next to a WeCom channel turns it on, still on 127.0.0.1 unless HOST is set', () => {
    expect(readConfig({ ...BOT, WEB_CHAT: 'on' })).toMatchObject({ WEB_CHAT: 'on', HOST: '127.0.0.1' });
    expect(readConfig({ ...APP, WEB_CHAT: 'on', HOST: '0.0.0.0' })).toMatchObject({ WEB_CHAT: 'on', HOST: '0.0.0.0' });
  });

  it('HOST, when set, is used as it is; WEB_CHAT=off is kept', () => {
    expect(readConfig({ HOST: '10.1.2.3' })).toMatchObject({ WEB_CHAT: 'on', HOST: '10.1.2.3' });
    expect(readConfig({ WEB_CHAT: 'off' })).toMatchObject({ WEB_CHAT: 'off', HOST: '0.0.0.0' });
  });

  it('a half-configured channel does not count (it is not started): the web chat stays on, on 127.0.0.1', () => {
    expect(readConfig({ WECOM_BOT_ID: 'bot-id' })).toMatchObject({ WEB_CHAT: 'on', HOST: '127.0.0.1' });
  });

  it('allows 32 open connections per address unless MAX_CONNECTIONS_PER_IP says otherwise', () => {
    expect(readConfig({}).MAX_CONNECTIONS_PER_IP).toBe(32);
    expect(readConfig({ MAX_CONNECTIONS_PER_IP: '200' }).MAX_CONNECTIONS_PER_IP).toBe(200);
  });
});

describe('start-up warnings', () => {
  it('warns in Chinese when the web chat is on and the server listens beyond this machine', () => {
    for (const address of ['0.0.0.0', '::', '192.168.1.10']) {
      const [w, ...rest] = startupWarnings(readConfig({ HOST: address }), address);
      expect(rest).toEqual([]);
      expect(w).toContain(`监听在 ${address}`);
      expect(w).toMatch(/没有登录.*冒充任何用户.*WEB_CHAT=off/);
    }
  });

  it('says nothing when the web chat is off or the server listens on loopback only', () => {
    expect(startupWarnings(readConfig({}), '127.0.0.1')).toEqual([]);
    expect(startupWarnings(readConfig({ HOST: '::1' }), '::1')).toEqual([]);
    expect(startupWarnings(readConfig({ ...BOT }), '0.0.0.0')).toEqual([]);
    expect(startupWarnings(readConfig({ WEB_CHAT: 'off', HOST: '0.0.0.0' }), '0.0.0.0')).toEqual([]);
  });

  it('names the missing variables of a half-configured channel, never the values given', () => {
    const w = startupWarnings(readConfig({ WECOM_CORP_ID: 'ww-corp', WECOM_AGENT_SECRET: 'agent-secret-value' }), '127.0.0.1');
    expect(w).toEqual(['企业微信自建应用配置不完整（缺少 WECOM_AGENT_ID、WECOM_TOKEN、WECOM_ENCODING_AES_KEY），该渠道未启用。']);
    expect(w.join()).not.toContain('agent-secret-value');
  });

  it('knows loopback addresses and prints the address really bound', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '::ffff:10.0.0.1', '1270.0.0.1'].some(isLoopback)).toBe(false);
    expect(listenUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/');
    expect(listenUrl('::', 3000)).toBe('http://[::]:3000/');
  });
});

describe('configuration errors never echo a secret', () => {
  it.each([
    ['WECOM_ENCODING_AES_KEY', 'short-aes-key-SECRET'],
    ['WEB_CHAT', 'SECRET-typo'],
    ['PORT', 'SECRET-port'],
    ['WECOM_API_BASE', 'SECRET not a url'],
  ])('%s', (name, value) => {
    let message = '';
    try {
      readConfig({ ...BOT, ...APP, [name]: value, DATABASE_URL: 'postgresql://u:db-password@h/db' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(new RegExp(`环境变量配置有误.*${name}`));
    for (const secret of ['SECRET', 'bot-secret-value', 'agent-secret-value', 'token-value', 'db-password']) expect(message).not.toContain(secret);
  });
});
