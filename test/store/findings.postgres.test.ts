import { findingsSuite } from './findings-suite.js';

findingsSuite('postgres');
