/** The studio's entry: render the app shell once the session is known. */
import { render } from 'preact';
import { App } from './views/app.tsx';
import { lang } from './i18n.ts';
import { loadMe } from './models/app.ts';

document.documentElement.lang = lang.value;
void loadMe();
render(<App />, document.getElementById('app')!);
