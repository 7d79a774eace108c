import { QuantityParser } from './quantity-parser';

describe(QuantityParser.name, () => {
  const parser = new QuantityParser();
  const parse = (s: string) => parser.parse(s);

  it('reads the seed article range with its counted noun phrase', () => {
    const q = parse(
      "US law enforcement agencies had issued from 2,400 to 3,500 confidentiality orders over the past five years to access the company's user data.",
    );
    expect(q).toEqual([
      { text: 'from 2,400 to 3,500 confidentiality orders', min: 2400, max: 3500, unit: 'confidentiality orders' },
    ]);
  });

  it('reads "between A and B" and hyphenated ranges', () => {
    expect(parse('Between 10 and 20 people died.')[0]).toMatchObject({ min: 10, max: 20, unit: 'people' });
    expect(parse('It hit 2,400-3,500 workers.')[0]).toMatchObject({ min: 2400, max: 3500, unit: 'workers' });
  });

  it('spreads a scale word over both ends of a range', () => {
    expect(parse('He cut taxes by $3 to 5 billion.')[0]).toMatchObject({ min: 3e9, max: 5e9, unit: 'USD' });
  });

  it('reads percentages and percentage points', () => {
    expect(parse("We're consuming 50 percent of the world's cocaine.")).toEqual([
      { text: '50 percent', value: 50, unit: '%' },
    ]);
    expect(parse('Unemployment rose by 2.5 percentage points to 7.1%.')).toEqual([
      { text: '2.5 percentage points', value: 2.5, unit: 'percentage points' },
      { text: '7.1%', value: 7.1, unit: '%' },
    ]);
  });

  it('reads money with currency symbols and words and keeps the approximator', () => {
    expect(parse('The deal is worth about $3.5 million.')).toEqual([
      { text: 'about $3.5 million', value: 3.5e6, unit: 'USD', qualifier: 'about' },
    ]);
    expect(parse('More than 1.2 billion yuan was spent.')[0]).toMatchObject({
      value: 1.2e9,
      unit: 'CNY',
      qualifier: 'More than',
    });
  });

  it('reads number words, a dozen and fractions', () => {
    expect(parse('Five soldiers were hurt.')[0]).toMatchObject({ value: 5, unit: 'soldiers' });
    expect(parse('A dozen reporters attended.')[0]).toMatchObject({ value: 12, unit: 'reporters' });
    expect(parse('Twenty-two states sued.')[0]).toMatchObject({ value: 22, unit: 'states' });
    expect(parse('Nearly two-thirds of Americans agree.')[0]).toMatchObject({
      value: 2 / 3,
      unit: 'Americans',
      qualifier: 'Nearly',
    });
    expect(parse('At least 300 beds are empty.')[0]).toMatchObject({ value: 300, unit: 'beds', qualifier: 'At least' });
  });

  it('finds no quantity in years, dates, times, ordinals or names', () => {
    expect(parse('BEIJING (UrduPoint News / Sputnik - 05th July, 2021) Beijing has called on Monday.')).toEqual([]);
    expect(parse('Mon 05th July 2021 | 05:40 PM')).toEqual([]);
    expect(parse('The law passed in 2019 and took effect on Jan. 3 at 5 p.m.')).toEqual([]);
    expect(parse('The Boeing 737 was grounded after COVID-19 spread, the 3rd time since 1990.')).toEqual([]);
    expect(parse('She was one of the first to speak.')).toEqual([]);
  });

  it('does not count a time frame as the quantity', () => {
    expect(parse('Crime fell over the past five years.')).toEqual([]);
  });

  it('does not take "constructor" (a key of every plain object) for a number word or a scale', () => {
    expect(parse('The constructor built 5 houses.')).toEqual([{ text: '5 houses', value: 5, unit: 'houses' }]);
    expect(parse('It cost 5 constructor dollars.')[0].value).toBe(5);
    expect(parse('It had 3constructor parts and constructor constructor staff.')).toEqual([]);
  });
});
