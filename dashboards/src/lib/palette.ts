/** Chart colours, matching the CSS variables in styles/base.css (WCAG AA against white). */
export const COLORS = {
  negative: '#dc2626',
  neutral: '#94a3b8',
  positive: '#16a34a',
  pending: '#e2e8f0',
  dissatisfied: '#7c3aed',
  accent: '#1f4fd1',
  series: ['#1f4fd1', '#0891b2', '#d97706', '#db2777', '#65a30d', '#64748b'],
} as const;
