import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { installGlobalErrorHandlers } from './lib/errors.svelte';

installGlobalErrorHandlers(window);

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');

export default mount(App, { target });
