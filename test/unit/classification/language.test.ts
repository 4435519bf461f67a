import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../core/classification/text/language.js';

describe('detectLanguage', () => {
  it.each([
    ['je vais résilier mon abonnement', 'fr'],
    ['merci @SNCF pour rien', 'fr'],
    ['trop bien la nouvelle appli', 'fr'],
    ['Je ne comprends pas ma facture', 'fr'],
    ['@united thanks for nothing, never again', 'en'],
    ['Flight delayed again. Great.', 'en'],
    ['how do I reset my password?', 'en'],
  ])('reads the short tweet "%s" as %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it.each([
    'Ich bin sehr enttäuscht von diesem Produkt',
    'No me gusta nada este servicio, es muy lento',
    'Sono molto deluso dal servizio clienti',
    'Ik ben niet tevreden over de levering',
  ])('never gives a French or English label to "%s"', (text) => {
    expect(detectLanguage(text).lang).toBe('unknown');
  });

  it('says unknown when the text has no words', () => {
    expect(detectLanguage('@bob https://t.co/x 👍').lang).toBe('unknown');
  });

  it('lets the platform hint settle an ambiguous two-word text', () => {
    expect(detectLanguage('lol ok', 'en').lang).toBe('en');
    expect(detectLanguage('super top', 'fr').lang).toBe('fr');
  });

  it('does not follow a hint against clear evidence', () => {
    expect(detectLanguage('je ne suis pas du tout content de ma commande', 'en').lang).toBe('fr');
  });
});
