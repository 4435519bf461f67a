import { render } from 'preact';
import { App } from './app/app.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/states.css';
import './styles/badges.css';
import './styles/tables-charts.css';
import './styles/overview.css';
import './styles/mentions.css';
import './styles/source-health.css';

/*
 * Preact renders every string as a text node and escapes attributes, so social text (mentions,
 * author names, titles) can never become markup; nothing here uses dangerouslySetInnerHTML.
 * It is 4 kB and keeps the pages declarative as the dashboard grows to many pages.
 */
const root = document.getElementById('app');
if (root) render(<App />, root);
