// --demo: every new account gets something to look at (chutes, images, balance, two days of usage),
// so the app can be clicked through offline. Any coldkey can register (unknown coldkeys hold 1 TAO).

import { randomUUID } from 'node:crypto';
import type { State, UserRow } from './state';

const CHUTES = ['deepseek-r1-demo', 'llama-3-8b-demo', 'flux-schnell-demo'];
const IMAGES: [string, string][] = [
  ['vllm', '0.8.5'],
  ['diffusers', '0.31.0'],
];

export function addChute(s: State, userId: string, name: string, now: number): string {
  const chute_id = randomUUID();
  s.chutes[chute_id] = { chute_id, user_id: userId, name, created_at: now };
  return chute_id;
}

export function addImage(s: State, userId: string, name: string, tag: string, now: number): string {
  const image_id = randomUUID();
  s.images[image_id] = { image_id, user_id: userId, name, tag, created_at: now };
  return image_id;
}

export function seedDemoAccount(s: State, user: UserRow, now: number): void {
  const chuteIds = CHUTES.map((name) => addChute(s, user.user_id, name, now));
  for (const [name, tag] of IMAGES) addImage(s, user.user_id, name, tag, now);
  user.balance = 12.5;
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  for (let h = 1; h <= 48; h++) {
    chuteIds.forEach((chute_id, i) => {
      // Deterministic, gently varying numbers: screenshots stay stable between runs.
      const count = ((h * 7 + i * 13) % 23) + (i === 0 ? 5 : 1);
      s.usage.push({
        user_id: user.user_id,
        bucket: hour - h * 3_600_000,
        chute_id,
        count,
        amount: Math.round(count * (0.0021 + i * 0.0013) * 1e6) / 1e6,
        input_tokens: count * (420 + i * 80),
        output_tokens: count * (180 + i * 40),
      });
    });
  }
}
