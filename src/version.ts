import project from '../package.json' with { type: 'json' };

/** The tool's name, as SARIF and code scanning know it. */
export const TOOL_NAME: string = project.name;

/** The release version; package.json holds it, and the bundle carries it from there. */
export const VERSION: string = project.version;

/** The project's home page, and its table of rules, for the SARIF tool and rule links. */
export const HOMEPAGE: string = project.homepage;
export const RULES_URI = `${HOMEPAGE}#rules`;
export const ISSUES_URI: string = project.bugs.url;
