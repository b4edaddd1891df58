/** This package's name and version, sent as the User-Agent (AutoDNS requires one). Kept in step with package.json by a unit test. */
export const PACKAGE_NAME = "pulumi-renewed-certificate";
/** See {@link PACKAGE_NAME}. */
export const PACKAGE_VERSION = "0.1.0";
/** `pulumi-renewed-certificate/<version>`. */
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
