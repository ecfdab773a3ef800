import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/dialogs/numbers.js';

describe('numbers as people type them', () => {
  it.each([
    ['174.28', 174.28, null],
    ['174.28万', 174.28, '万'],
    ['174.28万元', 174.28, '万元'],
    ['1,742,800元', 1742800, '元'],
    ['1742800 元', 1742800, '元'],
    ['1，742，800元', 1742800, '元'],
    ['0.017428亿', 0.017428, '亿'],
    ['１７４．２８', 174.28, null],
    ['一百七十四点二八万', 174.28, '万'],
    ['一百七十四点二八', 174.28, null],
    ['81.82%', 81.82, '%'],
    ['81.82％', 81.82, '%'],
    ['百分之八十一点八二', 81.82, '%'],
    ['百分之81.82', 81.82, '%'],
    ['3260件', 3260, 'count', '件'],
    ['三千二百六十件', 3260, 'count', '件'],
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
    ['15000人次', 15000, 'count', '人次'],
    ['160.20。', 160.2, null],
    // issue 25: 万/亿 before a count multiplies it; any unit word after the number is kept to be checked
    ['1.5万人次', 15000, 'count', '人次'],
    ['10万人次', 100000, 'count', '人次'],
    ['三万人次', 30000, 'count', '人次'],
    ['1.1万件', 11000, 'count', '件'],
    ['1,500元/件', 1500, 'word', '元/件'],
    ['3公里', 3, 'word', '公里'],
    ['1.2万平方米', 12000, '㎡'],
    ['5000万元', 5000, '万元'],
  ])('%s → %f (%s %s)', (input, value, unit, word?: string) => {
    expect(parseNumber(input)).toEqual(word ? { value, unit, word } : { value, unit });
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
