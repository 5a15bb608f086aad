export { localTime, zoneLabel } from '../../i18n/zone.js';
