/**
 * The driver taxonomy Écoute ships for a customer-service brand (telecom, utilities, retail):
 * version 1 of every new installation, which admins then edit. The example phrases are what the
 * first driver model is trained on, before any mention has been labelled: a few ways customers
 * say it, in French and in English, in the words of social posts rather than of a CRM.
 */
import type { DriverDefinition } from './taxonomy.js';

export const DEFAULT_MIN_SCORE = 0.35;

export const DEFAULT_DRIVERS: DriverDefinition[] = [
  {
    key: 'billing',
    name: 'Billing',
    description: 'Wrong or double charges, invoices, direct debits, refunds.',
    phrases: {
      fr: [
        'double prélèvement',
        'facture erronée',
        'prélevé deux fois',
        'toujours pas remboursé',
        'erreur de facturation',
        'on m’a facturé des frais',
        'ma facture a doublé',
        'remboursement en attente',
      ],
      en: [
        'charged twice',
        'wrong bill',
        'double charge on my account',
        'still waiting for my refund',
        'billing error',
        'they charged me a fee',
        'my invoice is wrong',
        'overcharged again',
      ],
    },
  },
  {
    key: 'network',
    name: 'Network & outage',
    description: 'No signal, outages, slow or dropping connection, Wi-Fi and box failures.',
    phrases: {
      fr: [
        'plus de réseau',
        'panne internet depuis ce matin',
        'la box redémarre toute seule',
        'connexion qui coupe',
        'débit ridicule',
        'pas de signal',
        'coupure fibre',
        'le wifi ne marche plus',
      ],
      en: [
        'no signal',
        'internet outage since this morning',
        'the router keeps rebooting',
        'connection keeps dropping',
        'speeds are terrible',
        'network down again',
        'fibre outage',
        'wifi not working',
      ],
    },
  },
  {
    key: 'customer_service',
    name: 'Customer service',
    description: 'Waiting times, nobody answers, unhelpful or rude agents, being passed around.',
    phrases: {
      fr: [
        'service client injoignable',
        'une heure d’attente au téléphone',
        'personne ne répond',
        'conseiller désagréable',
        'on me renvoie de service en service',
        'aucune réponse à mes mails',
        'le support ne sert à rien',
        'toujours pas de rappel',
      ],
      en: [
        'customer service is useless',
        'on hold for an hour',
        'nobody answers',
        'rude agent',
        'passed from one department to another',
        'no reply to my emails',
        'support never calls back',
        'worst customer service',
      ],
    },
  },
  {
    key: 'delivery_installation',
    name: 'Delivery & installation',
    description: 'Missed appointments, late technicians, parcels and equipment not delivered.',
    phrases: {
      fr: [
        'technicien jamais venu',
        'rendez-vous d’installation annulé',
        'toujours pas installé',
        'colis jamais reçu',
        'livraison en retard',
        'installation repoussée encore',
        'attente du raccordement',
        'le technicien n’est pas passé',
      ],
      en: [
        'technician never showed up',
        'installation appointment cancelled',
        'still not installed',
        'parcel never arrived',
        'late delivery',
        'installation postponed again',
        'waiting for the engineer',
        'missed the installation slot',
      ],
    },
  },
  {
    key: 'product_app',
    name: 'Product defect & app',
    description: 'Bugs, crashes, broken updates, features that do not work, faulty devices.',
    phrases: {
      fr: [
        'l’appli plante',
        'bug depuis la mise à jour',
        'impossible de se connecter à l’application',
        'la mise à jour a tout cassé',
        'fonction qui ne marche pas',
        'décodeur en panne',
        'appareil défectueux',
        'écran noir',
      ],
      en: [
        'the app keeps crashing',
        'bug since the update',
        'cannot log in to the app',
        'the update broke everything',
        'feature does not work',
        'faulty device',
        'the app is broken',
        'black screen',
      ],
    },
  },
  {
    key: 'price',
    name: 'Price',
    description: 'Price rises, too expensive, offers better elsewhere, promotions not kept.',
    phrases: {
      fr: [
        'augmentation de prix',
        'encore une hausse de tarif',
        'trop cher',
        'plus 3 euros par mois',
        'moins cher ailleurs',
        'promo non appliquée',
        'le prix a augmenté sans prévenir',
        'tarif abusif',
      ],
      en: [
        'price increase',
        'another price rise',
        'too expensive',
        'three euros more per month',
        'cheaper elsewhere',
        'promotion not applied',
        'raised the price without notice',
        'rip off prices',
      ],
    },
  },
  {
    key: 'cancellation_contract',
    name: 'Cancellation & contract',
    description: 'Leaving, cancelling, termination fees, commitment periods, contract terms.',
    phrases: {
      fr: [
        'je résilie',
        'impossible de résilier',
        'frais de résiliation',
        'engagement de 24 mois',
        'je pars chez la concurrence',
        'changement de contrat sans accord',
        'portabilité bloquée',
        'on m’a réengagé sans me demander',
      ],
      en: [
        'cancelling my contract',
        'cannot cancel',
        'termination fee',
        'locked into a 24 month contract',
        'switching to another provider',
        'contract changed without consent',
        'number transfer blocked',
        'leaving for good',
      ],
    },
  },
];
