// The filter language (being written).
