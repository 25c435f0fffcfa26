// Container ids and names as Docker makes them: 64 hex digits, and "adjective_surname" names
// (our own word lists) that users can type and remember.
import { randomBytes, randomInt } from 'node:crypto';
import { invalidArgument } from '@skiff/errors';

export function newContainerId(): string {
  // Docker avoids all-digit ids: a short id of only digits reads like a number in scripts.
  for (;;) {
    const id = randomBytes(32).toString('hex');
    if (!/^\d+$/.test(id.slice(0, 12))) return id;
  }
}

const adjectives = [
  'agile', 'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosmic', 'crisp', 'daring',
  'eager', 'fancy', 'fearless', 'gentle', 'glowing', 'happy', 'humble', 'jolly', 'keen', 'kind',
  'lively', 'lucid', 'merry', 'mighty', 'nimble', 'noble', 'patient', 'plucky', 'proud', 'quiet',
  'quirky', 'rapid', 'serene', 'sharp', 'shiny', 'steady', 'sunny', 'swift', 'tidy', 'upbeat',
  'vivid', 'witty', 'zealous', 'zesty',
];

// Navigators, sailors and boat builders, fitting for a skiff.
const surnames = [
  'amundsen', 'baffin', 'bering', 'bligh', 'cabot', 'cartier', 'champlain', 'columbus', 'cook',
  'dampier', 'drake', 'earhart', 'eriksson', 'frobisher', 'gama', 'hudson', 'heyerdahl', 'ibnbattuta',
  'kupe', 'magellan', 'mawson', 'nansen', 'polo', 'raleigh', 'ross', 'shackleton', 'slocum',
  'tasman', 'vancouver', 'verrazzano', 'vespucci', 'zhenghe', 'ainsworth', 'mcclintock', 'parry',
  'franklin', 'flinders', 'laperouse', 'bougainville', 'humboldt',
];

/** A fresh generated name; `taken` says whether a name is in use, and a digit is added if need be. */
export function generateName(taken: (name: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    const base = `${adjectives[randomInt(adjectives.length)]}_${surnames[randomInt(surnames.length)]}`;
    const name = attempt < 10 ? base : `${base}${randomInt(10)}`;
    if (!taken(name)) return name;
  }
}

const validName = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** The name a user gave, without Docker's leading slash; InvalidArgument as Docker words it. */
export function checkName(name: string): string {
  if (!validName.test(name)) throw invalidArgument(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  return name.startsWith('/') ? name.slice(1) : name;
}
