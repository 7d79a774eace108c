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
    // In a Title Case headline every word has a capital: the number after one is still a count.
    expect(parse('Flood Kills 40 People In Northern Region')).toMatchObject([{ value: 40, unit: 'People' }]);
    expect(parse('Dam Collapse Kills 40 In Georgia')).toMatchObject([{ value: 40 }]);
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

  describe('number words and vague amounts (issue 14)', () => {
    it.each([
      ['They built only one dam on the river.', [{ text: 'only one dam', value: 1, unit: 'dam', qualifier: 'only' }]],
      ['It was one small dam project.', [{ text: 'one small dam project', value: 1, unit: 'small dam project' }]],
      ['A dozen countries signed the deal.', [{ text: 'A dozen countries', value: 12, unit: 'countries' }]],
      ['Officials arrested a dozen.', [{ text: 'a dozen', value: 12 }]],
      ['Two dozen schools closed.', [{ text: 'Two dozen schools', value: 24, unit: 'schools' }]],
      ['Half a million people lost power.', [{ text: 'Half a million people', value: 500000, unit: 'people' }]],
      ['Vaccines protect kids under five.', [{ text: 'kids under five', value: 5, unit: 'kids', qualifier: 'under' }]],
      [
        'The virus caused millions of deaths.',
        [{ text: 'millions of deaths', min: 2e6, approximate: true, unit: 'deaths' }],
      ],
      ['Thousands marched.', [{ text: 'Thousands', min: 2000, approximate: true }]],
      [
        'Tens of thousands of jobs were lost.',
        [{ text: 'Tens of thousands of jobs', min: 20000, approximate: true, unit: 'jobs' }],
      ],
      [
        'Hundreds of millions of people fled.',
        [{ text: 'Hundreds of millions of people', min: 2e8, approximate: true, unit: 'people' }],
      ],
      [
        'Dozens of protesters were hurt.',
        [{ text: 'Dozens of protesters', min: 24, approximate: true, unit: 'protesters' }],
      ],
      [
        'Several hundred people attended.',
        [{ text: 'Several hundred people', min: 300, approximate: true, unit: 'people' }],
      ],
      [
        'A few thousand troops remain.',
        [{ text: 'A few thousand troops', min: 2000, approximate: true, unit: 'troops' }],
      ],
      ['Billions of dollars were wasted.', [{ text: 'Billions of dollars', min: 2e9, approximate: true, unit: 'USD' }]],
      [
        'More than thousands of homes flooded.',
        [{ text: 'More than thousands of homes', min: 2000, approximate: true, unit: 'homes', qualifier: 'More than' }],
      ],
    ])('%s', (sentence, expected) => expect(parse(sentence)).toEqual(expected));

    it('leaves words that only look vague or bare number words alone', () => {
      expect(parse('Test scores rose.')).toEqual([]);
      expect(parse('One of them left.')).toEqual([]);
      expect(parse('Only one in five adults votes.')).toEqual([{ text: 'five adults', value: 5, unit: 'adults' }]);
      expect(parse('Some of the staff left.')).toEqual([]);
    });
  });
});
