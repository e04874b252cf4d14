export function writeReport(_resultsDir: string, file: string): string {
	return file;
}
