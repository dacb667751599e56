// Deterministic synthetic statement sets for the scale benchmarks: first-person sentences built
// from a handful of social-care topics, so the engine has real structure to find.
const topics = [
  ['taxi', 'transport', 'minibus', 'driver', 'pick up', 'late', 'day centre', 'journey'],
  ['direct payment', 'payroll', 'forms', 'PA', 'money', 'budget', 'paperwork', 'invoice'],
  ['carer', 'rota', 'different', 'new faces', 'visit', 'rushed', 'morning', 'agency'],
  ['social worker', 'listen', 'review', 'talked over', 'meeting', 'decision', 'voice', 'plan'],
  ['respite', 'break', 'short stay', 'sleep', 'exhausted', 'weekend', 'family', 'holiday'],
  ['equipment', 'hoist', 'occupational therapist', 'wait', 'assessment', 'rail', 'bathroom', 'stairs'],
  ['job', 'volunteering', 'college', 'course', 'work', 'skills', 'interview', 'training'],
  ['friends', 'club', 'lonely', 'community', 'cafe', 'group', 'neighbours', 'evening'],
  ['hospital', 'discharge', 'ward', 'home', 'nurse', 'medication', 'GP', 'appointment'],
  ['information', 'website', 'phone', 'letter', 'leaflet', 'number', 'advice', 'online'],
];
const frames = [
  'I wish the {a} was better, the {b} is a real worry',
  'The {a} and the {b} never seem to work together for me',
  'My {a} is the thing that matters most, and the {b} too',
  'We had trouble with the {a} again this week because of the {b}',
  'Staff say the {a} depends on the {b} and nobody can change it',
  'I would like more say over the {a} and how the {b} is arranged',
  'Since the {a} changed I worry about the {b} every day',
];
const noise = ['honestly', 'really', 'again', 'lately', 'these days', 'to be fair', 'most weeks', 'sometimes'];

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CSV text with header id,text,category,perspective,person and `n` rows. */
export function generateStatements(n, seed = 7) {
  const r = random(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const categories = ['working', 'not_working', 'future'];
  const perspectives = ['person', 'family', 'staff'];
  const lines = ['id,text,category,perspective,person'];
  for (let i = 0; i < n; i++) {
    const topic = pick(topics);
    let text = pick(frames).replace('{a}', pick(topic)).replace('{b}', pick(topic));
    if (r() < 0.5) text += `, ${pick(noise)}`;
    if (r() < 0.2) text += ` (${pick(pick(topics))})`;
    lines.push(`G${i + 1},"${text}.",${pick(categories)},${pick(perspectives)},P${Math.floor(i / 5) + 1}`);
  }
  return `${lines.join('\n')}\n`;
}
