"""What every stage uses: Thai years and dates, text files, web URLs, file types, errors, the project lock."""
