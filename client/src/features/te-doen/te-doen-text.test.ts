import { describe, expect, it } from 'vitest';
import { deliveryMonth, dueText } from './te-doen-text.ts';

describe('deliveryMonth', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024-Q2', '2024-06'],
    ['2024', '2024-12'],
  ])('opens Aanleveren for %s on %s', (period, month) => {
    expect(deliveryMonth(period)).toBe(month);
  });
});

describe('dueText', () => {
  it('says how late, today, or how many days are left', () => {
    expect(dueText({ dueDate: '2024-04-14', daysLeft: -1 })).toBe('1 dag te laat (uiterlijk 14 april 2024)');
    expect(dueText({ dueDate: '2024-04-14', daysLeft: 0 })).toBe('uiterlijk vandaag (14 april 2024)');
    expect(dueText({ dueDate: '2024-04-14', daysLeft: 3 })).toBe('uiterlijk 14 april 2024 (nog 3 dagen)');
  });
});
