import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/dialogs/numbers.js';

describe('numbers as people type them', () => {
  it.each([
    ['174.28', 174.28, null],
    ['174.28万', 174.28, '万元'],
    ['174.28万元', 174.28, '万元'],
    ['1,742,800元', 1742800, '元'],
    ['1742800 元', 1742800, '元'],
    ['1，742，800元', 1742800, '元'],
    ['0.017428亿', 0.017428, '亿元'],
    ['１７４．２８', 174.28, null],
    ['一百七十四点二八万', 174.28, '万元'],
    ['一百七十四点二八', 174.28, null],
    ['81.82%', 81.82, '%'],
    ['81.82％', 81.82, '%'],
    ['百分之八十一点八二', 81.82, '%'],
    ['百分之81.82', 81.82, '%'],
    ['3260件', 3260, 'count'],
    ['三千二百六十件', 3260, 'count'],
    ['九', 9, null],
    ['十一', 11, null],
    ['两百', 200, null],
    ['壹佰', 100, null],
    ['零', 0, null],
    ['0', 0, null],
    ['-5', -5, null],
    ['1200平方米', 1200, '㎡'],
    ['4.5分', 4.5, '分'],
    ['¥1,000元', 1000, '元'],
    ['15000人次', 15000, 'count'],
    ['160.20。', 160.2, null],
  ])('%s → %f (%s)', (input, value, unit) => {
    expect(parseNumber(input)).toEqual({ value, unit });
  });

  it.each([
    ['abc', 'NOT_A_NUMBER'],
    ['', 'NOT_A_NUMBER'],
    ['NaN', 'NOT_A_NUMBER'],
    ['Infinity', 'NOT_A_NUMBER'],
    ['😀', 'NOT_A_NUMBER'],
    ['一百点', 'NOT_A_NUMBER'],
    ['1.2.3', 'NOT_A_NUMBER'],
    ['12,34', 'NOT_A_NUMBER'], // not a thousands grouping
    ['1e309', 'SCIENTIFIC'],
    ['1e3', 'SCIENTIFIC'],
    ['9999999999999999999', 'TOO_LARGE'],
    ['好多钱', 'NOT_A_NUMBER'],
  ])('%s → %s', (input, code) => {
    expect(parseNumber(input)).toBe(code);
  });
});
