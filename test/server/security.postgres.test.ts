import { securitySuite } from './security-suite.js';

securitySuite('postgres');
