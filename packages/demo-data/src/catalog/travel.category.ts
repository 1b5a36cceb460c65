import type { SeededRandom } from '../seeded-random.js';
import type { CategorySubject, DemoCategory } from './demo-category.types.js';
import { fahrenheit, listOf, miles, money, oneOf } from './text.helpers.js';

interface Destination extends CategorySubject {
  readonly country: string;
  readonly landmarks: readonly [string, string, string];
  readonly food: string;
  readonly airport: string;
  readonly airportKm: number;
  readonly transit: string;
  readonly currency: string;
  readonly dailyBudget: readonly [number, number];
  readonly bestMonths: string;
  readonly dayTrip: string;
  readonly dayTripKm: number;
}

const DESTINATIONS: readonly Destination[] = [
  { name: 'Lisbon', group: 'city-breaks', country: 'Portugal', tags: ['city-break', 'europe'], landmarks: ['Belém Tower', 'the Alfama district', 'LX Factory'], food: 'pastéis de nata', airport: 'Humberto Delgado Airport', airportKm: 7, transit: 'the red Metro line', currency: '€', dailyBudget: [70, 140], bestMonths: 'April to June', dayTrip: 'Sintra', dayTripKm: 28 },
  { name: 'Kyoto', group: 'city-breaks', country: 'Japan', tags: ['city-break', 'asia', 'culture'], landmarks: ['Fushimi Inari Taisha', 'Kinkaku-ji', 'the Arashiyama bamboo grove'], food: 'yudofu', airport: 'Kansai International Airport', airportKm: 100, transit: 'the Haruka express', currency: '¥', dailyBudget: [12000, 22000], bestMonths: 'late March to early April', dayTrip: 'Nara', dayTripKm: 42 },
  { name: 'Edinburgh', group: 'city-breaks', country: 'Scotland', tags: ['city-break', 'europe', 'culture'], landmarks: ['Edinburgh Castle', 'Arthur\'s Seat', 'the Royal Mile'], food: 'cullen skink', airport: 'Edinburgh Airport', airportKm: 13, transit: 'the Edinburgh Trams line', currency: '£', dailyBudget: [80, 160], bestMonths: 'May to September', dayTrip: 'Stirling', dayTripKm: 60 },
  { name: 'Mexico City', group: 'city-breaks', country: 'Mexico', tags: ['city-break', 'latin-america', 'food-travel'], landmarks: ['the Museo Nacional de Antropología', 'Chapultepec Park', 'the Zócalo'], food: 'tacos al pastor', airport: 'Benito Juárez International Airport', airportKm: 9, transit: 'Metro Line 1', currency: 'MX$', dailyBudget: [900, 1800], bestMonths: 'March to May', dayTrip: 'Teotihuacan', dayTripKm: 50 },
  { name: 'Banff', group: 'outdoors', country: 'Canada', tags: ['hiking', 'mountains', 'outdoors'], landmarks: ['Lake Louise', 'Moraine Lake', 'the Sulphur Mountain Gondola'], food: 'bison burgers', airport: 'Calgary International Airport', airportKm: 145, transit: 'the Banff Airporter shuttle', currency: 'C$', dailyBudget: [150, 260], bestMonths: 'mid-June to September', dayTrip: 'Yoho National Park', dayTripKm: 85 },
  { name: 'the Isle of Skye', group: 'outdoors', country: 'Scotland', tags: ['hiking', 'islands', 'outdoors'], landmarks: ['the Old Man of Storr', 'the Fairy Pools', 'the Quiraing'], food: 'Skye langoustines', airport: 'Inverness Airport', airportKm: 180, transit: 'the Citylink 917 coach', currency: '£', dailyBudget: [90, 170], bestMonths: 'May and September', dayTrip: 'Eilean Donan Castle', dayTripKm: 45 },
  { name: 'the Dolomites', group: 'outdoors', country: 'Italy', tags: ['hiking', 'mountains', 'outdoors'], landmarks: ['Tre Cime di Lavaredo', 'Lago di Braies', 'the Seceda ridge'], food: 'canederli dumplings', airport: 'Venice Marco Polo Airport', airportKm: 160, transit: 'the Cortina Express bus', currency: '€', dailyBudget: [110, 200], bestMonths: 'late June to mid-September', dayTrip: 'Bolzano', dayTripKm: 65 },
  { name: 'Torres del Paine', group: 'outdoors', country: 'Chile', tags: ['hiking', 'patagonia', 'outdoors'], landmarks: ['the Base Torres viewpoint', 'Grey Glacier', 'the French Valley'], food: 'cordero al palo', airport: 'Punta Arenas Airport', airportKm: 400, transit: 'the Bus-Sur coach from Puerto Natales', currency: 'US$', dailyBudget: [90, 180], bestMonths: 'November to March', dayTrip: 'the Milodon Cave', dayTripKm: 75 },
  { name: 'the Amalfi Coast', group: 'coast', country: 'Italy', tags: ['coast', 'beach', 'europe'], landmarks: ['Positano', 'the Path of the Gods', 'Villa Rufolo in Ravello'], food: 'limoncello and scialatielli', airport: 'Naples International Airport', airportKm: 60, transit: 'the SITA bus', currency: '€', dailyBudget: [120, 230], bestMonths: 'May, June and September', dayTrip: 'Capri', dayTripKm: 25 },
  { name: 'the Algarve', group: 'coast', country: 'Portugal', tags: ['coast', 'beach', 'europe'], landmarks: ['Ponta da Piedade', 'the Benagil sea cave', 'Praia da Marinha'], food: 'cataplana de marisco', airport: 'Faro Airport', airportKm: 70, transit: 'the regional Algarve train', currency: '€', dailyBudget: [75, 150], bestMonths: 'May to October', dayTrip: 'Sagres', dayTripKm: 35 },
  { name: 'Crete', group: 'coast', country: 'Greece', tags: ['coast', 'islands', 'beach'], landmarks: ['the Palace of Knossos', 'the Samaria Gorge', 'Balos Lagoon'], food: 'dakos and graviera cheese', airport: 'Heraklion International Airport', airportKm: 5, transit: 'the KTEL intercity bus', currency: '€', dailyBudget: [65, 130], bestMonths: 'May to October', dayTrip: 'Spinalonga', dayTripKm: 70 },
  { name: 'Cornwall', group: 'coast', country: 'England', tags: ['coast', 'beach', 'uk'], landmarks: ['St Michael\'s Mount', 'the Minack Theatre', 'the Eden Project'], food: 'Cornish pasties', airport: 'Newquay Airport', airportKm: 8, transit: 'the Night Riviera sleeper from London', currency: '£', dailyBudget: [85, 160], bestMonths: 'June to September', dayTrip: 'the Isles of Scilly', dayTripKm: 45 },
];

const ANGLES = ['48-hours', 'budget', 'slow', 'family', 'food', 'day-trip'] as const;
type Angle = (typeof ANGLES)[number];

const ANGLE_TAGS: Record<Angle, string> = {
  '48-hours': 'weekend',
  budget: 'budget-travel',
  slow: 'slow-travel',
  family: 'family',
  food: 'food-travel',
  'day-trip': 'day-trips',
};

function title(place: Destination, angle: Angle, rng: SeededRandom): string {
  const name = place.name.replace(/^the /, 'The ');
  switch (angle) {
    case '48-hours':
      return rng.pick([`48 Hours in ${place.name.replace(/^the /, '')}`, `A Long Weekend in ${place.name.replace(/^the /, '')}`]);
    case 'budget':
      return `${name} on a Budget`;
    case 'slow':
      return `Slow Travel in ${place.name.replace(/^the /, '')}: A Week Without Rushing`;
    case 'family':
      return `${name} with Kids: What Actually Works`;
    case 'food':
      return `Eating Your Way Through ${place.name.replace(/^the /, '')}`;
    case 'day-trip':
      return `A Day Trip from ${place.name.replace(/^the /, '')} to ${place.dayTrip}`;
  }
}

function angleParagraph(place: Destination, angle: Angle, rng: SeededRandom): string {
  const [first, second, third] = place.landmarks;
  switch (angle) {
    case '48-hours':
      return `Spend the first morning at ${first} and the afternoon around ${second}. Day two belongs to ${third}, with a long lunch of ${place.food} in between. You will walk about ${rng.int(12, 22)} km over the two days.`;
    case 'budget':
      return `Skip taxis: buses, trams and your own feet cover most of what you need, and free sights such as ${second} fill whole afternoons. Picnic lunches cut food costs by roughly ${rng.int(25, 40)} percent.`;
    case 'slow':
      return `Rent a room for ${rng.int(6, 8)} nights instead of hopping between hotels. Walk to ${second} early, before the tour groups, and keep one day a week completely free.`;
    case 'family':
      return `Children tend to love ${first} most, so go there on the first day while energy is high. Plan no more than ${rng.int(2, 3)} sights per day and book family tickets online, which usually saves ${rng.int(10, 20)} percent.`;
    case 'food':
      return `Start with ${place.food}, the dish locals are proudest of, then follow the market stalls near ${second}. A sit-down dinner costs about ${money(rng.int(18, 45), '$')} a head in a neighbourhood restaurant.`;
    case 'day-trip':
      return `${place.dayTrip.charAt(0).toUpperCase()}${place.dayTrip.slice(1)} lies ${place.dayTripKm} km (${miles(place.dayTripKm)} miles) away, so leave by ${rng.int(7, 9)}:00 to beat the crowds. Travel takes about ${Math.round(place.dayTripKm / rng.int(35, 55) * 60)} minutes each way.`;
  }
}

function compose(place: Destination, angleName: string, rng: SeededRandom) {
  const angle = angleName as Angle;
  const [low, high] = place.dailyBudget;
  const step = low >= 1000 ? 500 : low >= 500 ? 50 : 5;
  const daily = Math.round((low + rng.next() * (high - low)) / step) * step;
  const transferMinutes = Math.max(15, Math.round((place.airportKm / rng.int(30, 60)) * 60));
  const [first, second, third] = place.landmarks;
  const where = `${place.name}, ${place.country}`;

  const intro = oneOf(rng, [
    () => `${where.charAt(0).toUpperCase()}${where.slice(1)} rewards visitors who plan a little, and ${place.bestMonths} is the sweet spot for weather and crowds.`,
    () => `The best time to visit ${place.name} is ${place.bestMonths}, when days are long and prices have not yet peaked.`,
    () => `Most people come to ${place.name} for ${first}, but the region in ${place.country} has far more to offer.`,
  ]);
  const arrival = oneOf(rng, [
    () => `${place.airport} is ${place.airportKm} km (${miles(place.airportKm)} miles) from the centre, and ${place.transit} gets you there in about ${transferMinutes} minutes.`,
    () => `Fly into ${place.airport}; the transfer covers ${place.airportKm} km and takes roughly ${transferMinutes} minutes on ${place.transit}.`,
    () => `From ${place.airport}, allow ${transferMinutes} minutes for the ${place.airportKm} km trip into town by ${place.transit}.`,
  ]);
  const sights = oneOf(rng, [
    () => `Do not miss ${listOf([first, second, third])}.`,
    () => `The essentials are ${first} and ${second}; if you have time, add ${third}.`,
    () => `Give ${first} at least ${rng.int(2, 4)} hours, then head to ${second} and ${third}.`,
  ]);
  const budget = oneOf(rng, [
    () => `A comfortable mid-range budget is about ${money(daily, place.currency)} per person per day, including a bed, meals and local transport.`,
    () => `Expect to spend around ${money(daily, place.currency)} a day per person if you eat out twice and use public transport.`,
    () => `Budget roughly ${money(daily, place.currency)} per person per day; a week comes to about ${money(daily * 7, place.currency)}.`,
  ]);
  const practical = oneOf(rng, [
    () => `Book accommodation ${rng.int(6, 12)} weeks ahead for the best rates, and pack layers: temperatures can swing by ${rng.int(8, 14)}°C in a single day.`,
    () => `Comfortable shoes matter more than anything else you pack, since most days involve ${rng.int(8, 15)} km on foot.`,
    () => `Travel insurance costs around ${money(rng.int(25, 60), '$')} for a week and is worth it, especially for outdoor plans.`,
  ]);

  const highC = rng.int(17, 27);
  const weather = oneOf(rng, [
    () => `Daytime highs in ${place.bestMonths} usually sit around ${highC}°C (${fahrenheit(highC)}°F).`,
    () => `Expect daytime temperatures near ${highC}°C (${fahrenheit(highC)}°F) in ${place.bestMonths}, with cooler evenings.`,
  ]);
  return {
    title: title(place, angle, rng),
    paragraphs: [`${intro} ${arrival} ${weather}`, `${sights} ${angleParagraph(place, angle, rng)}`, `${budget} ${practical}`],
    tags: [...place.tags, ANGLE_TAGS[angle]],
    attributes: { country: place.country, dailyBudget: daily, bestMonths: place.bestMonths },
    facts: { daily, transferMinutes, highC },
  };
}

export const travelCategory: DemoCategory<Destination> = {
  key: 'travel',
  motif: 'mountain',
  palettes: [
    ['#caf0f8', '#48cae4', '#023e8a', '#ffd166'],
    ['#e9f5db', '#87986a', '#344e41', '#f4a261'],
    ['#ffe8d6', '#6b705c', '#3f4238', '#ddbea9'],
  ],
  subjects: DESTINATIONS,
  angles: ANGLES,
  compose,
};
