import type { SeededRandom } from '../seeded-random.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { money, oneOf, countOf } from './text.helpers.js';

interface TechTopic extends CategorySubject {
  /** How the topic reads inside a sentence: "mesh Wi-Fi". */
  readonly phrase: string;
  readonly products: readonly [string, string, string];
  readonly price: readonly [number, number];
  readonly setupMinutes: readonly [number, number];
  /** A measurable spec, phrased with its unit, e.g. "download speed" in "Mbps". */
  readonly metric: string;
  readonly unit: string;
  readonly before: readonly [number, number];
  readonly after: readonly [number, number];
  readonly lifespanYears: number;
  readonly advice: string;
  readonly risk: string;
}

const TOPICS: readonly TechTopic[] = [
  { name: 'Mesh Wi-Fi', phrase: 'mesh Wi-Fi', group: 'home-network', tags: ['wifi', 'home-network', 'smart-home'], products: ['Eero 6+', 'TP-Link Deco X55', 'Google Nest Wifi Pro'], price: [180, 350], setupMinutes: [20, 40], metric: 'speed in the far bedroom', unit: 'Mbps', before: [15, 60], after: [180, 420], lifespanYears: 5, advice: 'place each node no more than two rooms from the last one', risk: 'hiding the main unit inside a cabinet' },
  { name: 'Router Security', phrase: 'router security', group: 'home-network', tags: ['security', 'home-network', 'privacy'], products: ['ASUS RT-AX58U', 'Netgear Nighthawk RAX50', 'Ubiquiti UniFi Express'], price: [110, 220], setupMinutes: [15, 30], metric: 'open ports exposed to the internet', unit: 'ports', before: [4, 9], after: [0, 1], lifespanYears: 6, advice: 'turn on WPA3 and automatic firmware updates', risk: 'leaving the default admin password in place' },
  { name: 'Home Backup with a NAS', phrase: 'home backups', group: 'home-network', tags: ['backup', 'storage', 'home-network'], products: ['Synology DS224+', 'QNAP TS-233', 'two 4 TB Western Digital Red Plus drives'], price: [300, 600], setupMinutes: [60, 120], metric: 'time to restore a lost folder', unit: 'minutes', before: [120, 480], after: [3, 10], lifespanYears: 7, advice: 'follow the 3-2-1 rule: 3 copies, on 2 kinds of media, 1 off-site', risk: 'treating RAID as if it were a backup' },
  { name: 'Password Managers', phrase: 'a password manager', group: 'privacy', tags: ['security', 'passwords', 'privacy'], products: ['Bitwarden', '1Password', 'Proton Pass'], price: [10, 36], setupMinutes: [30, 60], metric: 'reused passwords', unit: 'accounts', before: [20, 60], after: [0, 2], lifespanYears: 10, advice: 'protect the vault with a passphrase of at least 4 random words', risk: 'keeping the recovery code in the same vault it unlocks' },
  { name: 'Two-Factor Authentication', phrase: 'two-factor authentication', group: 'privacy', tags: ['security', '2fa', 'privacy'], products: ['a YubiKey 5 NFC', 'Google Authenticator', 'Aegis Authenticator'], price: [0, 55], setupMinutes: [20, 45], metric: 'accounts protected by a second factor', unit: 'accounts', before: [1, 4], after: [12, 25], lifespanYears: 10, advice: 'prefer an authenticator app or a hardware key over SMS codes', risk: 'losing your phone without having saved the backup codes' },
  { name: 'Spotting Phishing', phrase: 'phishing', group: 'privacy', tags: ['security', 'phishing', 'privacy'], products: ['the Have I Been Pwned service', 'your email provider\'s report button', 'a browser with Safe Browsing'], price: [0, 0], setupMinutes: [10, 20], metric: 'suspicious emails reaching the inbox each week', unit: 'emails', before: [8, 20], after: [1, 3], lifespanYears: 10, advice: 'hover over every link and check the real domain before clicking', risk: 'trusting a message because it uses your name' },
  { name: 'Raspberry Pi 5 Projects', phrase: 'a Raspberry Pi 5', group: 'gadgets', tags: ['raspberry-pi', 'diy', 'gadgets'], products: ['a Raspberry Pi 5 with 8 GB of RAM', 'the official 27 W USB-C power supply', 'a 64 GB microSD card'], price: [90, 140], setupMinutes: [45, 90], metric: 'power draw at idle', unit: 'watts', before: [25, 60], after: [3, 5], lifespanYears: 6, advice: 'add the Active Cooler so the chip stays under 60°C', risk: 'using a phone charger that cannot supply 5 amps' },
  { name: 'Laptop Battery Care', phrase: 'laptop battery care', group: 'gadgets', tags: ['laptops', 'battery', 'gadgets'], products: ['macOS Optimised Battery Charging', 'Lenovo Vantage', 'Windows battery saver'], price: [0, 0], setupMinutes: [5, 15], metric: 'battery capacity left after 3 years', unit: 'percent', before: [62, 75], after: [82, 90], lifespanYears: 4, advice: 'cap charging at 80 percent when the laptop lives on a desk', risk: 'leaving it in a hot car, where temperatures pass 50°C' },
  { name: 'Smart Home with Matter', phrase: 'a Matter smart home', group: 'gadgets', tags: ['smart-home', 'matter', 'gadgets'], products: ['an Apple HomePod mini', 'Philips Hue bulbs', 'an Aqara door sensor'], price: [120, 300], setupMinutes: [30, 60], metric: 'apps needed to control the house', unit: 'apps', before: [4, 7], after: [1, 1], lifespanYears: 8, advice: 'check for the Matter logo before buying any device', risk: 'buying devices that only work with one brand\'s hub' },
  { name: 'E-Readers', phrase: 'e-readers', group: 'gadgets', tags: ['e-readers', 'reading', 'gadgets'], products: ['a Kindle Paperwhite', 'a Kobo Clara 2E', 'the Libby library app'], price: [130, 170], setupMinutes: [10, 20], metric: 'battery life on one charge', unit: 'days', before: [1, 2], after: [42, 70], lifespanYears: 6, advice: 'borrow ebooks free from your public library through Libby', risk: 'buying into a store whose books you cannot move to another device' },
];

const ANGLES = ['setup', 'worth-it', 'mistakes', 'compared', 'parents', 'upgrade'] as const;
type Angle = (typeof ANGLES)[number];

function title(topic: TechTopic, angle: Angle, rng: SeededRandom): string {
  switch (angle) {
    case 'setup':
      return rng.pick([`${topic.name}: A Setup Guide`, `Setting Up ${topic.name} in One Afternoon`]);
    case 'worth-it':
      return `Is ${topic.name} Worth It?`;
    case 'mistakes':
      return `${topic.name}: Mistakes Even Experts Make`;
    case 'compared':
      return `${topic.name} Compared: What to Choose`;
    case 'parents':
      return `${topic.name} for the Whole Family`;
    case 'upgrade':
      return `When to Upgrade Your ${topic.name} Setup`;
  }
}

function angleSentence(topic: TechTopic, angle: Angle, rng: SeededRandom): string {
  const [first, second, third] = topic.products;
  switch (angle) {
    case 'setup':
      return `Set aside one quiet afternoon; the steps are the same whichever brand you choose.`;
    case 'worth-it':
      return `The honest answer depends on how much friction you feel today, so measure before you spend.`;
    case 'mistakes':
      return `The costliest mistake is ${topic.risk}, and it is more common than you would think.`;
    case 'compared':
      return `We compared ${first}, ${second} and ${third} over ${rng.int(3, 8)} weeks of everyday use.`;
    case 'parents':
      return `With children in the house, set it up once for ${rng.int(3, 5)} people and share the admin rights between two adults.`;
    case 'upgrade':
      return `Most households can wait ${topic.lifespanYears} years between upgrades, unless something below has changed.`;
  }
}

function compose(topic: TechTopic, angleName: string, rng: SeededRandom) {
  const angle = angleName as Angle;
  const [first, second, third] = topic.products;
  const price = rng.int(topic.price[0], topic.price[1]);
  const before = rng.int(topic.before[0], topic.before[1]);
  const after = rng.int(topic.after[0], topic.after[1]);
  const setup = rng.stepped(topic.setupMinutes[0], topic.setupMinutes[1], 5);
  const costLine =
    price === 0
      ? `It costs nothing beyond the devices you already own.`
      : oneOf(rng, [
          () => `Budget about ${money(price, '$')} for the whole setup.`,
          () => `Expect to spend around ${money(price, '$')}, roughly ${money(Math.round((price / topic.lifespanYears / 12) * 100) / 100, '$')} a month over ${topic.lifespanYears} years.`,
        ]);

  const intro = [
    oneOf(rng, [
      () => `${topic.name} used to be a job for enthusiasts, but the tools are now good enough for anyone.`,
      () => `Getting ${topic.phrase} right is one of the cheapest upgrades you can make at home.`,
      () => `Most households only think about ${topic.phrase} when something goes wrong.`,
    ]),
    angleSentence(topic, angle, rng),
  ].join(' ');
  const options = oneOf(rng, [
    () => `Good starting points are ${first}, ${second} and ${third}.`,
    () => `We would start with ${first}; ${second} and ${third} are solid alternatives.`,
    () => `For most people ${first} is enough, though ${second} suits bigger households and ${third} rounds it out.`,
  ]);
  const effect = oneOf(rng, [
    () => `In our test home the ${topic.metric} went from ${countOf(before, topic.unit)} to ${countOf(after, topic.unit)}.`,
    () => `The difference is measurable: ${topic.metric} changed from ${countOf(before, topic.unit)} to ${countOf(after, topic.unit)}.`,
    () => `Before the change we counted ${countOf(before, topic.unit)} for ${topic.metric}; afterwards, ${after}.`,
  ]);
  const time = oneOf(rng, [
    () => `Setup takes about ${setup} minutes, most of it waiting for downloads and updates.`,
    () => `Allow ${setup} minutes for the first setup, and 5 minutes a month after that.`,
  ]);
  const advice = oneOf(rng, [
    () => `One piece of advice matters more than the rest: ${topic.advice}. And avoid ${topic.risk}.`,
    () => `Above all, ${topic.advice}. The classic error is ${topic.risk}.`,
  ]);

  const upkeep = oneOf(rng, [
    () => `Check for updates every ${rng.int(2, 6)} weeks; most fixes for security problems arrive that way.`,
    () => `Write the key settings down on paper and keep them with your important documents, in case a device has to be reset.`,
    () => `Most of these products carry a ${rng.int(1, 3)}-year warranty, so register them on the day you buy and keep the receipt.`,
  ]);
  const audience = oneOf(rng, [
    () => `It suits anyone who has ever lost an afternoon to a problem that better setup would have prevented.`,
    () => `If you look after the technology for relatives, do the same for them; it saves a lot of phone calls.`,
    () => `You do not need to be technical: every step happens in an app or a browser window.`,
  ]);
  return {
    title: title(topic, angle, rng),
    paragraphs: [`${intro} ${audience}`, `${options} ${costLine} ${time}`, `${effect} ${advice} ${upkeep}`],
    tags: [...topic.tags, angle === 'parents' ? 'family' : 'how-to'],
    attributes: { priceUsd: price, setupMinutes: setup },
    facts: { price, before, after, setup },
  };
}

export const techCategory: DemoCategory<TechTopic> = {
  key: 'tech',
  motif: 'circuit',
  palettes: [
    ['#0b090a', '#161a1d', '#4361ee', '#4cc9f0'],
    ['#eef0f2', '#c6c7c4', '#353535', '#3c6e71'],
    ['#10002b', '#240046', '#7b2cbf', '#e0aaff'],
  ],
  subjects: TOPICS,
  angles: ANGLES,
  compose,
};
