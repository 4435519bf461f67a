/**
 * A driver taxonomy for an airline, as its admins would write it: the nine negative reasons of
 * the public airline tweets (core/drivers/driver-benchmark.ts), each with example phrases in the
 * words of its customers. The benchmark trains on the labelled tweets with the keyword groups of
 * these phrases, as a brand's driver model trains on its corrections with its own taxonomy's.
 * Names are the reasons as the data spells them (the labels); keys follow the taxonomy's rules.
 */
import type { DriverDefinition } from './taxonomy.js';

const driver = (key: string, name: string, en: string[]): DriverDefinition => ({
  key,
  name,
  description: '',
  phrases: { fr: [], en },
});

export const AIRLINE_DRIVERS: DriverDefinition[] = [
  driver('late_flight', 'Late Flight', [
    'flight delayed again, more delays',
    'hours late, still sitting on the tarmac',
    'stuck at the gate waiting for 45 minutes',
    'missed my connection',
    'late departure, we depart later',
    'landed late after 3 hrs, another 20 min',
    'mechanical delay, waiting on the runway to taxi',
    'maintenance and deicing before boarding',
    'what is the eta, when will we arrive',
  ]),
  driver('cancelled_flight', 'Cancelled Flight', [
    'my flight was cancelled',
    'flight canceled, another cancellation',
    'they cancel and rebook me',
    'stranded overnight, no hotel voucher',
    'rescheduled to tomorrow',
    'rerouted to standby',
    'cancellations for weather, snow and storm',
    'reaccommodate me',
  ]),
  driver('lost_luggage', 'Lost Luggage', [
    'lost my luggage',
    'where are my bags',
    'baggage claim: missing suitcase',
    'checked bag still not delivered',
    'no delivery of my belongings yet',
    'found it? deliver it, tracking',
    'at the carousel, trace my suitcases',
  ]),
  driver('damaged_luggage', 'Damaged Luggage', [
    'my bag is damaged',
    'broken suitcase, the handle broke',
    'the wheel was ripped',
    'torn and destroyed luggage',
    'smashed and cracked',
    'damages: a dent in my stroller',
    'busted zipper, scratched bag',
  ]),
  driver('flight_attendant', 'Flight Attendant Complaints', [
    'rude flight attendant',
    'the stewardess yelled at me',
    'attitude from the crew and staff',
    'the attendants laughed at us',
    'unprofessional steward, condescending purser',
    'snippy stewardesses',
    'the pilot and an employee were rude',
    '#flightattendant #flightattendants',
  ]),
  driver('booking', 'Flight Booking Problems', [
    'cannot book on the website',
    'booking error on the site and the app',
    'booked online, no reservation',
    'change fee charged on my ticket',
    'fees for changed tickets and itinerary',
    'no confirmation after payment',
    'fare price up at purchase',
    'bought a companion pass with my credit card',
    'miles, points and award mileage not credited',
    'refund for the upgrade, seat assignment',
    'status transfer, password',
    'aadvantage and mileageplus',
  ]),
  driver('customer_service', 'Customer Service Issue', [
    'on hold',
    'nobody answers the phone when I call',
    'called and calling again, they hung up',
    'hang up on me, then disconnected',
    'the agent was no help, agents and reps',
    'no response, respond to my email',
    'no reply to my dms, no answer to my complaint',
    'line is busy, no callback',
    'supervisor or representative',
    'no contact, hotline',
    '#customerservice',
  ]),
  driver('long_lines', 'longlines', [
    'long line at check in',
    'lines at security and tsa',
    'queue at the counter',
    'standing at the kiosk',
    'ticketing desk, checkin',
    'drop line',
    '#bagdrop',
  ]),
  driver('bad_flight', 'Bad Flight', [
    'uncomfortable seats, no legroom',
    'no wifi on the plane',
    'dirty cabin, the bathroom and toilet smell',
    'no entertainment, broken screen, no movie',
    'food, drinks and snacks',
    'cramped seat and the armrest will not recline',
    'cold, then hot: the temperature is freezing',
    'baby and turbulence',
    'overhead',
    'diverted, pilot landing',
    'no power outlet, no water or coffee',
    'sick from the meal',
    'loud, noisy passenger in the lavatory',
  ]),
];
