// risk-scorer scores incoming payment disputes with a model on Amazon Bedrock.
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"

	"github.com/acme/risk-scorer/internal/scorer"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion(os.Getenv("AWS_REGION")))
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	s := scorer.New(bedrockruntime.NewFromConfig(cfg))

	http.HandleFunc("/score", func(w http.ResponseWriter, r *http.Request) {
		var d scorer.Dispute
		if err := json.NewDecoder(r.Body).Decode(&d); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		score, err := s.Score(r.Context(), d)
		if err != nil {
			http.Error(w, "scoring failed", http.StatusBadGateway)
			return
		}
		_ = json.NewEncoder(w).Encode(score)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
